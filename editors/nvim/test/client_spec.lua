-- The client module on its own, against test/fake_server.js (no crosswire server needed):
-- attach through the FileType autocmd, root detection, init_options and settings reaching the
-- server, one server per root, other filetypes left alone, a clear error for a missing command.
local H = require('harness')
H.prefix = 'nvim client'

local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local fake = here .. '/fake_server.js'
local node = os.getenv('NODE') or 'node'

H.run(function()
  H.out(('Neovim %s, client module against a fake server'):format(H.version()))
  assert(vim.fn.executable(node) == 1, 'node is needed for the fake server')

  -- tmp/proj/.git, tmp/proj/story/crosswire.json, tmp/proj/story/x/a.txt, tmp/proj/story/b.md, tmp/proj/other.txt
  local tmp = vim.fn.resolve(vim.fn.tempname() .. '-client')
  local proj, story = tmp .. '/proj', tmp .. '/proj/story'
  vim.fn.mkdir(proj .. '/.git', 'p')
  vim.fn.mkdir(story .. '/x', 'p')
  vim.fn.writefile({ '{}' }, story .. '/crosswire.json')
  vim.fn.writefile({ 'Sergei Lavrov said.' }, story .. '/x/a.txt')
  vim.fn.writefile({ '# Notes', 'Lavrov.' }, story .. '/b.md')
  vim.fn.writefile({ 'Kerry.' }, proj .. '/other.txt')
  vim.fn.writefile({ 'return 1' }, story .. '/c.lua')

  local crosswire = require('crosswire')

  H.test('find_root prefers crosswire.json over .git, else falls back to the file folder', function()
    assert(crosswire.find_root(story .. '/x/a.txt') == story, crosswire.find_root(story .. '/x/a.txt'))
    assert(crosswire.find_root(proj .. '/other.txt') == proj, crosswire.find_root(proj .. '/other.txt'))
    local lone = vim.fn.resolve(vim.fn.tempname() .. '-lone')
    vim.fn.mkdir(lone, 'p')
    local r = crosswire.find_root(lone .. '/z.txt', { 'no-such-marker-here' })
    assert(r == lone, r)
  end)

  -- Buffers opened before setup() are attached by setup() itself, the current one and a hidden one.
  vim.opt.hidden = true
  vim.cmd('edit ' .. vim.fn.fnameescape(story .. '/b.md'))
  local buf_b = vim.api.nvim_get_current_buf()
  vim.cmd('edit ' .. vim.fn.fnameescape(story .. '/x/a.txt'))
  local buf_a = vim.api.nvim_get_current_buf()
  H.test('a .txt file gets filetype text', function()
    assert(vim.bo[buf_a].filetype == 'text', 'filetype is ' .. vim.bo[buf_a].filetype)
  end)

  crosswire.setup({
    cmd = { node, fake, 'lsp' },
    init_options = { articles = { '**/*.txt' } },
    settings = { crosswire = { trace = 'x' } },
  })

  local client_a
  H.test('setup() attaches a buffer that was already open', function()
    client_a = H.wait(5000, function()
      local c = H.buf_clients(buf_a)[1]
      return c and c.initialized and c
    end)
    assert(client_a, 'no initialized client attached within 5 s')
    assert(client_a.name == 'crosswire', client_a.name)
  end)

  H.test('setup() also attaches an open buffer that is not the current one', function()
    assert(vim.api.nvim_get_current_buf() == buf_a)
    local c = H.wait(5000, function()
      return H.buf_clients(buf_b)[1]
    end)
    assert(c, 'the hidden markdown buffer was not attached')
    assert(c.id == client_a.id, 'not the same client as its root')
  end)

  H.test('the server gets root, workspace folder, init_options, settings and the lsp argument', function()
    local pos = { line = 0, character = 0 }
    local info = H.wait(5000, function()
      local res = vim.lsp.buf_request_sync(buf_a, 'textDocument/hover',
        { textDocument = { uri = vim.uri_from_bufnr(buf_a) }, position = pos }, 2000)
      for _, r in pairs(res or {}) do
        if r.result then
          local decoded = vim.json.decode(r.result.contents.value)
          if decoded.settings ~= vim.NIL and decoded.settings ~= nil then
            return decoded
          end
        end
      end
    end)
    assert(info, 'no hover answer from the fake server')
    assert(info.rootUri == vim.uri_from_fname(story), 'rootUri ' .. tostring(info.rootUri))
    assert(info.workspaceFolders[1].uri == vim.uri_from_fname(story), vim.inspect(info.workspaceFolders))
    assert(info.initializationOptions.articles[1] == '**/*.txt', vim.inspect(info.initializationOptions))
    assert(info.settings.crosswire.trace == 'x', vim.inspect(info.settings))
    assert(info.argv[1] == 'lsp', vim.inspect(info.argv))
  end)

  H.test('diagnostics from the server reach vim.diagnostic', function()
    local d = H.wait(5000, function()
      for _, x in ipairs(vim.diagnostic.get(buf_a)) do
        if x.code == 'fake' or (x.user_data and x.user_data.lsp and x.user_data.lsp.code == 'fake') then
          return x
        end
      end
    end)
    assert(d, 'no diagnostic; got ' .. vim.inspect(vim.diagnostic.get(buf_a)))
    assert(d.severity == vim.diagnostic.severity.WARN, 'severity ' .. tostring(d.severity))
    assert(d.source == 'crosswire', tostring(d.source))
  end)

  H.test('a Markdown file under the same root shares the client', function()
    vim.cmd('edit ' .. vim.fn.fnameescape(story .. '/b.md'))
    local buf = vim.api.nvim_get_current_buf()
    assert(vim.bo[buf].filetype == 'markdown', 'filetype is ' .. vim.bo[buf].filetype)
    local c = H.wait(5000, function()
      return H.buf_clients(buf)[1]
    end)
    assert(c, 'markdown buffer not attached')
    assert(c.id == client_a.id, ('client %d, expected %d'):format(c.id, client_a.id))
  end)

  H.test('a file under another root gets its own client', function()
    vim.cmd('edit ' .. vim.fn.fnameescape(proj .. '/other.txt'))
    local buf = vim.api.nvim_get_current_buf()
    local c = H.wait(5000, function()
      local x = H.buf_clients(buf)[1]
      return x and x.initialized and x
    end)
    assert(c, 'not attached')
    assert(c.id ~= client_a.id, 'same client as the other root')
    assert(c.config.root_dir == proj, 'root_dir ' .. tostring(c.config.root_dir))
  end)

  -- Issue 9: the command is the user's (setup() in their init.lua), never the folder's. crosswire
  -- reads no crosswire.json, .nvim.lua or .exrc to choose it (the last two are Neovim's 'exrc',
  -- off by default, and asked about through vim.secure when a user turns it on).
  H.test('the server command comes from setup() only, never from the folder', function()
    local evil = tmp .. '/evil'
    vim.fn.mkdir(evil, 'p')
    local marker = evil .. '/ran'
    vim.fn.writefile({ vim.json.encode({ cmd = { '/bin/sh', '-c', 'touch ' .. marker }, server = { path = '/bin/sh' } }) },
      evil .. '/crosswire.json')
    vim.fn.writefile({ 'vim.g.crosswire_folder_config_ran = true' }, evil .. '/.nvim.lua')
    vim.fn.writefile({ 'let g:crosswire_folder_config_ran = 1' }, evil .. '/.exrc')
    vim.fn.writefile({ 'Lavrov.' }, evil .. '/a.txt')
    vim.cmd('edit ' .. vim.fn.fnameescape(evil .. '/a.txt'))
    local buf = vim.api.nvim_get_current_buf()
    local c = H.wait(5000, function()
      local x = H.buf_clients(buf)[1]
      return x and x.initialized and x
    end)
    assert(c, 'not attached')
    assert(c.config.root_dir == evil, 'root_dir ' .. tostring(c.config.root_dir))
    assert(vim.deep_equal(c.config.cmd, { node, fake, 'lsp' }), 'cmd ' .. vim.inspect(c.config.cmd))
    assert(vim.g.crosswire_folder_config_ran == nil, "the folder's .nvim.lua or .exrc ran")
    assert(vim.fn.filereadable(marker) == 0, "the command in the folder's crosswire.json ran")
  end)

  H.test('other filetypes are left alone', function()
    vim.cmd('edit ' .. vim.fn.fnameescape(story .. '/c.lua'))
    local buf = vim.api.nvim_get_current_buf()
    vim.wait(300)
    assert(#H.buf_clients(buf) == 0, 'a client attached to a Lua file')
  end)

  H.test('a missing server command gives one clear error and no client', function()
    local messages = {}
    local notify = vim.notify
    vim.notify = function(msg, level)
      table.insert(messages, { msg = msg, level = level })
    end
    crosswire.setup({ cmd = { 'crosswire-no-such-binary', 'lsp' } })
    vim.cmd('edit ' .. vim.fn.fnameescape(story .. '/new1.txt'))
    vim.cmd('edit ' .. vim.fn.fnameescape(story .. '/new2.txt'))
    vim.notify = notify
    assert(#H.buf_clients(vim.api.nvim_get_current_buf()) == 0, 'a client attached')
    assert(#messages == 1, 'expected one message, got ' .. vim.inspect(messages))
    assert(messages[1].msg:find('crosswire-no-such-binary', 1, true), messages[1].msg)
    assert(messages[1].level == vim.log.levels.ERROR, 'level ' .. tostring(messages[1].level))
  end)
end)
