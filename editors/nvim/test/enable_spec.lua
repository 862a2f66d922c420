-- Neovim 0.11+: lsp/crosswire.lua with vim.lsp.enable('crosswire'), against test/fake_server.js.
-- On older Neovim there is nothing to test and the spec reports that.
local H = require('harness')
H.prefix = 'nvim enable'

local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local fake = here .. '/fake_server.js'
local node = os.getenv('NODE') or 'node'

H.run(function()
  if vim.fn.has('nvim-0.11') == 0 then
    H.out('  skip lsp/crosswire.lua needs Neovim 0.11+ (this is ' .. H.version() .. ')')
    return
  end
  local tmp = vim.fn.resolve(vim.fn.tempname() .. '-enable')
  vim.fn.mkdir(tmp .. '/story/sub', 'p')
  vim.fn.writefile({ '{}' }, tmp .. '/story/crosswire.json')
  vim.fn.writefile({ 'Lavrov.' }, tmp .. '/story/sub/a.txt')

  H.test('the lsp/crosswire.lua config is found on runtimepath', function()
    local cfg = vim.lsp.config.crosswire
    assert(cfg, 'vim.lsp.config.crosswire is nil')
    assert(vim.deep_equal(cfg.cmd, { 'crosswire', 'lsp' }), vim.inspect(cfg.cmd))
    assert(vim.deep_equal(cfg.filetypes, { 'text', 'markdown', 'html' }), vim.inspect(cfg.filetypes))
    assert(vim.deep_equal(cfg.root_markers, { 'crosswire.json', '.git' }), vim.inspect(cfg.root_markers))
  end)

  vim.lsp.config('crosswire', { cmd = { node, fake, 'lsp' } })
  vim.lsp.enable('crosswire')

  H.test('vim.lsp.enable attaches a text buffer at the crosswire.json root', function()
    vim.cmd('edit ' .. vim.fn.fnameescape(tmp .. '/story/sub/a.txt'))
    local buf = vim.api.nvim_get_current_buf()
    local c = H.wait(5000, function()
      local x = vim.lsp.get_clients({ bufnr = buf, name = 'crosswire' })[1]
      return x and x.initialized and x
    end)
    assert(c, 'no crosswire client attached within 5 s')
    assert(c.root_dir == tmp .. '/story', 'root_dir ' .. tostring(c.root_dir))
  end)
end)
