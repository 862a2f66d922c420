-- crosswire for Neovim 0.7 to 0.10+ (on 0.11+ you can also use lsp/crosswire.lua with
-- vim.lsp.enable('crosswire')). A thin client: it starts `crosswire lsp` for text and Markdown
-- buffers, one server per project root; all behaviour lives in the server.
--
--   require('crosswire').setup({
--     cmd = { 'crosswire', 'lsp' },          -- the server command
--     filetypes = { 'text', 'markdown', 'html' },
--     root_markers = { 'crosswire.json', '.git' }, -- searched upward, in this order of priority
--     init_options = { articles = { '**/*.txt' } },  -- initializationOptions (crosswire.json shape)
--     settings = {},                         -- didChangeConfiguration: { crosswire = { articles = {...} } }
--     on_attach = function(client, bufnr) end,
--     capabilities = nil,                    -- e.g. from cmp_nvim_lsp
--   })

local M = {}

M.defaults = {
  name = 'crosswire',
  cmd = { 'crosswire', 'lsp' },
  filetypes = { 'text', 'markdown', 'html' },
  root_markers = { 'crosswire.json', '.git' },
  init_options = vim.empty_dict(),
  settings = vim.empty_dict(),
}

M.config = nil
-- Neovim 0.7 only: client id per root directory.
local clients_by_root = {}

local uv = vim.loop

local function exists(path)
  return uv.fs_stat(path) ~= nil
end

local function dirname(path)
  return vim.fn.fnamemodify(path, ':h')
end

--- The nearest ancestor of `path` (a file or folder) that contains `marker`, or nil.
local function search_upward(path, marker)
  local dir = path
  local stat = uv.fs_stat(dir)
  if not stat or stat.type ~= 'directory' then
    dir = dirname(dir)
  end
  while dir and dir ~= '' do
    if exists(dir .. '/' .. marker) then
      return dir
    end
    local parent = dirname(dir)
    if parent == dir then
      return nil
    end
    dir = parent
  end
  return nil
end

--- Project root for a file: the nearest folder holding the first marker that is found anywhere
--- above it (markers earlier in the list win), else the file's own folder.
function M.find_root(path, markers)
  path = vim.fn.fnamemodify(path, ':p')
  for _, marker in ipairs(markers or M.defaults.root_markers) do
    local root = search_upward(path, marker)
    if root then
      return root
    end
  end
  return dirname(path)
end

local function non_empty(t)
  if type(t) == 'table' and next(t) ~= nil then
    return t
  end
  return nil
end

local function client_config(cfg, root)
  local settings = non_empty(cfg.settings)
  local user_on_init = cfg.on_init
  return {
    name = cfg.name,
    cmd = cfg.cmd,
    cmd_env = cfg.cmd_env,
    root_dir = root,
    workspace_folders = {
      { uri = vim.uri_from_fname(root), name = root },
    },
    init_options = non_empty(cfg.init_options),
    settings = settings,
    capabilities = cfg.capabilities or vim.lsp.protocol.make_client_capabilities(),
    handlers = cfg.handlers,
    flags = cfg.flags,
    on_attach = cfg.on_attach,
    on_exit = cfg.on_exit,
    on_init = function(client, result)
      -- Neovim 0.11+ sends the settings itself after initialize; older versions leave it to us.
      if settings and vim.fn.has('nvim-0.11') == 0 then
        client.notify('workspace/didChangeConfiguration', { settings = settings })
      end
      if user_on_init then
        user_on_init(client, result)
      end
    end,
  }
end

local function is_live(client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  return client ~= nil and not client.is_stopped()
end

--- Starts (or reuses) the server for the buffer's project and attaches the buffer.
--- Returns the client id, or nil when the buffer is not a file.
function M.attach(bufnr)
  local cfg = M.config or M.defaults
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local fname = vim.api.nvim_buf_get_name(bufnr)
  if fname == '' or fname:match('^%a[%w+.-]*://') then
    return nil
  end
  if type(cfg.cmd) == 'table' and vim.fn.executable(cfg.cmd[1]) ~= 1 then
    if not M._warned then
      M._warned = true
      vim.notify(
        ('crosswire: the server command %q was not found; set cmd in require("crosswire").setup{}'):format(cfg.cmd[1]),
        vim.log.levels.ERROR
      )
    end
    return nil
  end
  local root = M.find_root(fname, cfg.root_markers)
  local config = client_config(cfg, root)

  if vim.lsp.start then
    -- Neovim 0.8+: reuses a client with the same name and root_dir. 0.8 attaches the current
    -- buffer (the bufnr option came later), so make `bufnr` current while it runs.
    return vim.api.nvim_buf_call(bufnr, function()
      return vim.lsp.start(config, { bufnr = bufnr })
    end)
  end

  -- Neovim 0.7: start_client + buf_attach_client, one client per root.
  local id = clients_by_root[root]
  if not (id and is_live(id)) then
    id = vim.lsp.start_client(config)
    if not id then
      return nil
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', {}, M.defaults, opts or {})
  -- Lists are replaced, not merged.
  for _, key in ipairs({ 'cmd', 'filetypes', 'root_markers' }) do
    if opts and opts[key] then
      M.config[key] = opts[key]
    end
  end
  M._warned = false

  local group = vim.api.nvim_create_augroup('crosswire', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
    desc = 'crosswire: start or attach the language server',
  })

  -- Buffers already open when setup runs (lazy loading).
  local wanted = {}
  for _, ft in ipairs(M.config.filetypes) do
    wanted[ft] = true
  end
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and wanted[vim.bo[bufnr].filetype] then
      M.attach(bufnr)
    end
  end
end

return M
