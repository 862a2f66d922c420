-- crosswire language server, Neovim 0.11+ style. Put this folder on 'runtimepath' (or copy this
-- file to ~/.config/nvim/lsp/crosswire.lua) and call vim.lsp.enable('crosswire').
-- Override any field with vim.lsp.config('crosswire', { ... }).
---@type vim.lsp.Config
return {
  cmd = { 'crosswire', 'lsp' },
  filetypes = { 'text', 'markdown', 'html' },
  root_markers = { 'crosswire.json', '.git' },
  -- Sent as initializationOptions; same shape as crosswire.json, e.g. { articles = { '**/*.txt' } }.
  init_options = {},
}
