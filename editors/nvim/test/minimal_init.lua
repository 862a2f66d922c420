-- Minimal init for the headless tests: puts editors/nvim on 'runtimepath' and nothing else.
-- Usage: nvim --headless --clean -u test/minimal_init.lua -c 'luafile test/<spec>.lua'
local this = debug.getinfo(1, 'S').source:sub(2)
local nvim_dir = vim.fn.fnamemodify(this, ':p:h:h')
vim.opt.runtimepath:prepend(nvim_dir)
vim.opt.swapfile = false
vim.opt.shada = ''
vim.cmd('filetype on')
-- Test helpers live next to this file.
package.path = nvim_dir .. '/test/?.lua;' .. package.path
