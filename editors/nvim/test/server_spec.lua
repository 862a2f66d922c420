-- Headless Neovim against the real server: require('crosswire').setup{ cmd = { $CROSSWIRE_BIN, 'lsp' } }
-- on a temporary copy of fixtures/seeds; open the 002 seed, attach, receive the 275,000 conflict
-- through vim.diagnostic, hover an actor, go to a definition in another article.
local H = require('harness')
H.prefix = 'nvim server'

local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local repo = vim.fn.fnamemodify(here, ':h:h:h')
local bin = os.getenv('CROSSWIRE_BIN') or (repo .. '/target/debug/crosswire')
if bin:sub(1, 1) ~= '/' then
  bin = repo .. '/' .. bin
end
local seeds = os.getenv('CROSSWIRE_SEEDS') or (repo .. '/fixtures/seeds')
local timeout = tonumber(os.getenv('CROSSWIRE_TEST_TIMEOUT_MS') or '') or 60000

local CONFLICT = '002_142ef9cbeb2672f9.txt'
local RELATED = { '001_72b7bbedfb28fc0c.txt', '004_6cd4a45ba0995dfa.txt' }

local function basename(uri)
  return vim.fn.fnamemodify(vim.uri_to_fname(uri), ':t')
end

--- Text of a hover answer, whatever its shape.
local function hover_text(result)
  if not result then
    return ''
  end
  local c = result.contents
  local function one(x)
    if type(x) == 'string' then
      return x
    elseif type(x) == 'table' and type(x.value) == 'string' then
      return x.value
    end
    return ''
  end
  if type(c) == 'table' and c.kind == nil and c.value == nil then
    local parts = {}
    for _, x in ipairs(c) do
      table.insert(parts, one(x))
    end
    return table.concat(parts, '\n')
  end
  return one(c)
end

--- Location | Location[] | LocationLink[] -> { {uri, range} }
local function locations(result)
  if not result or result == vim.NIL then
    return {}
  end
  if result.uri or result.targetUri then
    result = { result }
  end
  local out = {}
  for _, l in ipairs(result) do
    if l.targetUri then
      table.insert(out, { uri = l.targetUri, range = l.targetSelectionRange or l.targetRange })
    else
      table.insert(out, l)
    end
  end
  return out
end

--- The single answer of buf_request_sync, with errors raised.
local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 15000)
  assert(responses, ('%s: no answer (%s)'):format(method, tostring(err)))
  for _, r in pairs(responses) do
    assert(not r.err, ('%s: error %s'):format(method, vim.inspect(r.err)))
    return r.result
  end
end

--- What the server wrote on stderr during this run, as Neovim logged it (for failure messages).
local log_path = (vim.lsp.log and vim.lsp.log.get_filename) and vim.lsp.log.get_filename() or vim.lsp.get_log_path()
local log_start = vim.fn.getfsize(log_path)
local function server_stderr()
  local f = io.open(log_path, 'r')
  if not f then
    return ''
  end
  if log_start > 0 then
    f:seek('set', log_start)
  end
  local lines = {}
  for line in f:lines() do
    if line:find('"stderr"', 1, true) then
      table.insert(lines, (line:gsub('^.-"stderr"%s*', '')))
    end
  end
  f:close()
  if #lines == 0 then
    return ''
  end
  return '\n       server stderr: ' .. table.concat(lines, '\n       ', math.max(1, #lines - 9))
end

H.run(function()
  H.out(('Neovim %s, server %s'):format(H.version(), bin))
  assert(vim.fn.executable(bin) == 1, 'server binary not found or not executable: ' .. bin .. ' (set CROSSWIRE_BIN)')
  local workspace = H.copy_dir(seeds)

  local exit_info
  require('crosswire').setup({
    cmd = { bin, 'lsp' },
    on_exit = function(code, signal)
      exit_info = ('the server exited (code %s, signal %s)'):format(tostring(code), tostring(signal))
    end,
  })

  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/' .. CONFLICT))
  local buf = vim.api.nvim_get_current_buf()

  local client
  local attached = H.test('attaches to the 002 seed (filetype text) with the workspace as root', function()
    assert(vim.bo[buf].filetype == 'text', 'filetype is ' .. vim.bo[buf].filetype)
    H.wait(15000, function()
      local c = H.buf_clients(buf)[1]
      client = c and c.initialized and c or nil
      return client or exit_info
    end)
    assert(client, (exit_info or 'no initialized client within 15 s') .. server_stderr())
    assert(client.config.root_dir == workspace, 'root_dir ' .. tostring(client.config.root_dir))
  end)
  if not attached then
    for _, name in ipairs({ 'receives the 275,000 warning', 'hover on "Lavrov"', 'definition on "Lavrov"' }) do
      H.test(name, function()
        error('not run: the server did not attach', 0)
      end)
    end
    return
  end

  H.test('receives the 275,000 warning (figure-conflict) with related locations in 001 and 004', function()
    local function text_of(d)
      local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ''
      local last = (d.end_lnum == d.lnum) and d.end_col or #line
      return line:sub(d.col + 1, last)
    end
    local function code_of(d)
      return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    end
    local d
    H.wait(timeout, function()
      for _, x in ipairs(vim.diagnostic.get(buf)) do
        if code_of(x) == 'figure-conflict' and (text_of(x):find('275,000', 1, true) or x.message:find('275,000', 1, true)) then
          d = x
        end
      end
      return d or exit_info
    end)
    if not d then
      local seen = {}
      for _, x in ipairs(vim.diagnostic.get(buf)) do
        table.insert(seen, ('[%s] %s'):format(tostring(code_of(x)), x.message))
      end
      error(('no figure-conflict diagnostic on 275,000 within %d ms%s; diagnostics: %s'):format(
        timeout, exit_info and ('; ' .. exit_info) or '', #seen > 0 and table.concat(seen, ' | ') or '(none)') .. server_stderr())
    end
    assert(d.severity == vim.diagnostic.severity.WARN, 'severity ' .. tostring(d.severity))
    assert(d.source == 'crosswire', 'source ' .. tostring(d.source))
    assert(text_of(d):find('275,000', 1, true), 'the range covers "' .. text_of(d) .. '", not 275,000')
    local related = d.user_data and d.user_data.lsp and d.user_data.lsp.relatedInformation or {}
    local names = {}
    for _, r in ipairs(related) do
      names[basename(r.location.uri)] = true
    end
    for _, want in ipairs(RELATED) do
      assert(names[want], ('relatedInformation points into %s; got %s'):format(want, vim.inspect(vim.tbl_keys(names))))
    end
  end)

  H.test('hover on "Lavrov" mentions Lavrov', function()
    local pos = H.position_of(buf, 'Lavrov', 1, 2)
    local result = request(buf, 'textDocument/hover', { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = pos })
    local text = hover_text(result)
    assert(text:find('Lavrov', 1, true), 'hover: ' .. (text ~= '' and text:sub(1, 300) or '(empty)'))
  end)

  H.test('definition on "Lavrov" leads to another article', function()
    local pos = H.position_of(buf, 'Lavrov', 2, 1) -- "negotiations with Lavrov"
    local result = request(buf, 'textDocument/definition', { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = pos })
    local locs = locations(result)
    assert(#locs > 0, 'no locations')
    local others = {}
    for _, l in ipairs(locs) do
      if basename(l.uri) ~= CONFLICT then
        table.insert(others, basename(l.uri))
      end
    end
    assert(#others > 0, 'no location outside 002; got ' .. vim.inspect(locs))
  end)

  vim.fn.delete(workspace, 'rf')
end)
