-- A small test harness for headless Neovim: named checks, clear messages, an exit code.
local H = { passed = 0, failed = 0, prefix = 'nvim' }

function H.out(msg)
  io.stdout:write(msg .. '\n')
  io.stdout:flush()
end

--- Runs `fn`; an error (from assert or error) fails the check with its message.
--- The error message and the spec line that raised it (a whole traceback is noise here).
local function where(err)
  local msg = tostring(err)
  for level = 2, 20 do
    local info = debug.getinfo(level, 'Sl')
    if not info then
      break
    end
    if info.short_src:match('_spec%.lua$') and not msg:find(info.short_src, 1, true) then
      return ('%s\n(at %s:%d)'):format(msg, info.short_src, info.currentline)
    end
  end
  return msg
end

function H.test(name, fn)
  local ok, err = xpcall(fn, where)
  if ok then
    H.passed = H.passed + 1
    H.out(('  ok   %s'):format(name))
  else
    H.failed = H.failed + 1
    H.out(('  FAIL %s\n       %s'):format(name, tostring(err):gsub('\n', '\n       ')))
  end
  return ok
end

--- Waits up to `ms` for `cond()` to return a truthy value, which is returned; nil on timeout.
function H.wait(ms, cond)
  local value
  vim.wait(ms, function()
    value = cond()
    return value and true or false
  end, 50)
  return value
end

--- Copies the files of `src` into a fresh temporary folder and returns its absolute path.
function H.copy_dir(src)
  local dst = vim.fn.tempname() .. '-crosswire'
  vim.fn.mkdir(dst, 'p')
  for _, name in ipairs(vim.fn.readdir(src)) do
    local from = src .. '/' .. name
    if vim.fn.isdirectory(from) == 0 then
      vim.fn.writefile(vim.fn.readfile(from, 'b'), dst .. '/' .. name, 'b')
    end
  end
  return vim.fn.resolve(dst)
end

--- Clients attached to a buffer, across Neovim versions.
function H.buf_clients(bufnr)
  local list = {}
  if vim.lsp.get_clients then
    list = vim.lsp.get_clients({ bufnr = bufnr })
  elseif vim.lsp.get_active_clients and vim.fn.has('nvim-0.8') == 1 then
    list = vim.lsp.get_active_clients({ bufnr = bufnr })
  else
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      table.insert(list, c)
    end
  end
  return list
end

--- LSP position of the `nth` (1-based) occurrence of `needle` in buffer `bufnr`, plus `offset`
--- characters. Columns are UTF-16 code units, the encoding the tests negotiate.
function H.position_of(bufnr, needle, nth, offset)
  nth = nth or 1
  local seen = 0
  for lnum, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local from = 1
    while true do
      local s = line:find(needle, from, true)
      if not s then
        break
      end
      seen = seen + 1
      if seen == nth then
        local byte_col = s - 1 + (offset or 0)
        local utf16
        if vim.fn.has('nvim-0.11') == 1 then
          utf16 = vim.str_utfindex(line, 'utf-16', byte_col)
        else
          local _
          _, utf16 = vim.str_utfindex(line, byte_col)
        end
        return { line = lnum - 1, character = utf16 }
      end
      from = s + 1
    end
  end
  error(('"%s" (occurrence %d) not found'):format(needle, nth))
end

function H.version()
  local v = vim.version()
  return ('%d.%d.%d'):format(v.major, v.minor, v.patch)
end

function H.all_clients()
  return vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()
end

--- Stops every client, waits for them to go, and exits with 0 when all checks passed, else 1.
function H.finish()
  for _, c in ipairs(H.all_clients()) do
    if vim.fn.has('nvim-0.11') == 1 then
      c:stop()
    else
      c.stop()
    end
  end
  H.wait(3000, function()
    return #H.all_clients() == 0
  end)
  H.out(('%s: %d passed, %d failed'):format(H.prefix, H.passed, H.failed))
  if H.failed > 0 then
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

--- Runs `body` and always finishes, even when it raises.
function H.run(body)
  local ok, err = xpcall(body, debug.traceback)
  if not ok then
    H.failed = H.failed + 1
    H.out('  FAIL (uncaught) ' .. tostring(err))
  end
  H.finish()
end

return H
