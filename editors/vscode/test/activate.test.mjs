// Loads the bundled dist/extension.js with a stand-in `vscode` module (just enough of the API for
// vscode-languageclient to run) and checks the extension's own behaviour: it starts
// `<crosswire.server.path> lsp` with crosswire.articles as initializationOptions (against the fake
// server of editors/nvim/test), restarts on a settings change and on "crosswire: Restart Server",
// shuts down on deactivate; and a missing binary gives an error naming the setting with "Open
// Settings". Rendering in real VS Code is issue 8's code-server test.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Module, { createRequire } from 'node:module';
import { extensionRoot } from './helpers.mjs';

const require = createRequire(import.meta.url);
const bundle = path.join(extensionRoot, 'dist', 'extension.js');

/** Anything not modelled: a constructible, callable stand-in whose properties are stand-ins too. */
function anything(name) {
  const fn = function () {};
  return new Proxy(fn, {
    get(target, prop) {
      if (prop === 'prototype') return target.prototype;
      if (prop === Symbol.toPrimitive) return () => name;
      if (typeof prop === 'symbol') return undefined;
      return anything(`${name}.${String(prop)}`);
    },
    apply() { return anything(`${name}()`); },
    construct() { return anything(`new ${name}`); },
  });
}

/**
 * `settings` are the user's (inspect().globalValue); `opts.workspace` the workspace's own values,
 * which `get()` returns over the user's, as VS Code does for a setting a workspace may set;
 * `opts.trusted` is vscode.workspace.isTrusted; `opts.folder` the first workspace folder.
 */
function makeVscode(settings, choice, opts = {}) {
  const workspaceSettings = opts.workspace ?? {};
  const calls = { errors: [], executed: [], commands: new Map(), output: [], configListeners: [], trustListeners: [] };
  const disposable = { dispose() {} };
  const vscode = {
    version: '1.82.0',
    window: {
      createOutputChannel: () => ({ appendLine: (l) => calls.output.push(l), append() {}, show() {}, clear() {}, dispose() {} }),
      showErrorMessage: (msg, ...items) => { calls.errors.push({ msg, items }); return Promise.resolve(choice); },
      showInformationMessage: () => Promise.resolve(undefined),
      setStatusBarMessage: () => disposable,
    },
    commands: {
      registerCommand: (id, fn) => { calls.commands.set(id, fn); return disposable; },
      executeCommand: (...args) => { calls.executed.push(args); return Promise.resolve(); },
    },
    workspace: {
      workspaceFolders: opts.folder ? [{ uri: { scheme: 'file', fsPath: opts.folder }, name: 'ws', index: 0 }] : undefined,
      isTrusted: opts.trusted ?? true,
      getConfiguration: () => ({
        get: (key, dflt) => (key in workspaceSettings ? workspaceSettings[key] : key in settings ? settings[key] : dflt),
        inspect: (key) => ({ key: `crosswire.${key}`, globalValue: settings[key], workspaceValue: workspaceSettings[key] }),
      }),
      onDidChangeConfiguration: (fn) => { calls.configListeners.push(fn); return disposable; },
      onDidGrantWorkspaceTrust: (fn) => { calls.trustListeners.push(fn); return disposable; },
    },
  };
  vscode.workspace.textDocuments = [];
  vscode.workspace.notebookDocuments = [];
  vscode.window.visibleTextEditors = [];
  const withFallback = (obj, name) =>
    new Proxy(obj, { get: (t, p) => (p in t ? t[p] : typeof p === 'symbol' ? undefined : anything(`${name}.${String(p)}`)) });
  for (const ns of ['window', 'commands', 'workspace']) vscode[ns] = withFallback(vscode[ns], `vscode.${ns}`);
  return { calls, module: withFallback(vscode, 'vscode') };
}

/** Requires a fresh copy of the bundle with `vscode` resolved to `fake`. */
function loadExtension(fake) {
  const originalLoad = Module._load;
  Module._load = function (request, ...rest) {
    if (request === 'vscode') return fake;
    return originalLoad.call(this, request, ...rest);
  };
  try {
    delete require.cache[require.resolve(bundle)];
    return require(bundle);
  } finally {
    Module._load = originalLoad;
  }
}

const flush = () => new Promise((r) => setTimeout(r, 20));

describe('the bundled extension, with a stand-in server', () => {
  let dir;
  let log;
  let wrapper;
  const read = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '');
  const lines = () => read().split('\n');
  const initializations = () => lines().filter((l) => l.startsWith('initialize ')).map((l) => JSON.parse(l.slice('initialize '.length)));
  async function until(cond, what) {
    for (let i = 0; i < 200; i++) {
      if (cond()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`timed out waiting for ${what}; server log:\n${read()}`);
  }

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswire-ext-start-'));
    log = path.join(dir, 'server.log');
    const fake = path.join(extensionRoot, '..', 'nvim', 'test', 'fake_server.js');
    wrapper = path.join(dir, 'crosswire');
    fs.writeFileSync(wrapper, `#!/bin/sh\nFAKE_SERVER_LOG='${log}' exec '${process.execPath}' '${fake}' "$@"\n`);
    fs.chmodSync(wrapper, 0o755);
  });

  it('starts `<crosswire.server.path> lsp` with crosswire.articles as initializationOptions, restarts on a settings change and on the command, shuts down on deactivate', async () => {
    const settings = { 'server.path': wrapper, articles: ['articles/**/*.txt'] };
    const { calls, module } = makeVscode(settings, undefined);
    const ext = loadExtension(module);
    await ext.activate({ subscriptions: [], extensionPath: dir, asAbsolutePath: (p) => path.join(dir, p) });
    await until(() => initializations().length === 1, 'initialize');
    assert.deepEqual(calls.errors, [], 'no error shown');
    assert.ok(lines().includes('start lsp'), 'the server was started with the lsp argument');
    assert.deepEqual(initializations()[0].initializationOptions, { articles: ['articles/**/*.txt'] });

    // Changing crosswire.articles restarts the server with the new globs.
    settings.articles = ['*.md'];
    for (const fn of calls.configListeners) fn({ affectsConfiguration: (s) => s === 'crosswire.articles' || s === 'crosswire' });
    await until(() => initializations().length === 2, 'a second initialize after the settings change');
    assert.deepEqual(initializations()[1].initializationOptions, { articles: ['*.md'] });
    assert.equal(lines().filter((l) => l === 'shutdown').length, 1, 'the first server was shut down');

    // A change elsewhere does not restart it.
    for (const fn of calls.configListeners) fn({ affectsConfiguration: (s) => s === 'editor.fontSize' });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(initializations().length, 2, 'no restart for unrelated settings');

    // crosswire: Restart Server.
    await calls.commands.get('crosswire.restartServer')();
    await until(() => initializations().length === 3, 'a third initialize after the restart command');

    await ext.deactivate();
    assert.equal(lines().filter((l) => l === 'shutdown').length, 3, `every server shut down; log:\n${read()}`);
    assert.deepEqual(calls.errors, [], 'no error shown');
  });
});

describe('the bundled extension, activated without a server binary', () => {
  let extensionPath;
  before(() => {
    assert.ok(fs.existsSync(bundle), `${bundle} missing: run npm run build first`);
    extensionPath = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswire-ext-')); // no server/ inside
  });

  it('a wrong crosswire.server.path: an error naming the setting, and Open Settings opens it', async () => {
    const wrong = path.join(extensionPath, 'no', 'such', 'crosswire');
    const { calls, module } = makeVscode({ 'server.path': wrong }, 'Open Settings');
    const ext = loadExtension(module);
    const context = { subscriptions: [], extensionPath, asAbsolutePath: (p) => path.join(extensionPath, p) };
    await ext.activate(context);
    await flush();
    assert.ok(calls.commands.has('crosswire.restartServer'), 'the restart command is registered');
    assert.equal(calls.errors.length, 1, `one error; got ${JSON.stringify(calls.errors)}`);
    assert.match(calls.errors[0].msg, /crosswire\.server\.path/);
    assert.ok(calls.errors[0].msg.includes(wrong), calls.errors[0].msg);
    assert.ok(calls.errors[0].items.includes('Open Settings'), `items ${calls.errors[0].items}`);
    assert.deepEqual(calls.executed, [['workbench.action.openSettings', 'crosswire.server.path']]);
    assert.ok(calls.output.some((l) => l.includes(wrong)), 'the output channel says it too');

    // Restart re-reads the setting and reports again (nothing crashes when there is no client).
    await calls.commands.get('crosswire.restartServer')();
    await flush();
    assert.equal(calls.errors.length, 2);
    await ext.deactivate();
  });

  it('no setting, nothing bundled, nothing on PATH: the error says how to fix it', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = path.join(extensionPath, 'empty-bin');
    try {
      const { calls, module } = makeVscode({}, undefined);
      const ext = loadExtension(module);
      await ext.activate({ subscriptions: [], extensionPath, asAbsolutePath: (p) => path.join(extensionPath, p) });
      await flush();
      assert.equal(calls.errors.length, 1);
      assert.match(calls.errors[0].msg, /PATH/);
      assert.match(calls.errors[0].msg, /crosswire\.server\.path/);
      assert.deepEqual(calls.executed, [], 'nothing opened when the user dismisses the message');
      await ext.deactivate();
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe('the bundled extension in an untrusted workspace (issue 9)', () => {
  let dir;
  let log;
  let ws;
  let pathDir;
  const read = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '');
  const ran = () => read().split('\n').filter((l) => l.startsWith('ran ')).map((l) => l.slice(4));
  async function until(cond, what) {
    for (let i = 0; i < 200; i++) {
      if (cond()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail(`timed out waiting for ${what}; log:\n${read()}`);
  }
  /** A stand-in crosswire that notes `tag` in the log, then runs the fake server. */
  function wrapper(file, tag) {
    const fake = path.join(extensionRoot, '..', 'nvim', 'test', 'fake_server.js');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `#!/bin/sh\necho 'ran ${tag}' >> '${log}'\nFAKE_SERVER_LOG='${log}' exec '${process.execPath}' '${fake}' "$@"\n`);
    fs.chmodSync(file, 0o755);
    return file;
  }

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswire-ext-trust-'));
    log = path.join(dir, 'server.log');
    ws = path.join(dir, 'ws');
    wrapper(path.join(ws, 'tools', 'crosswire'), 'folder');
    pathDir = path.join(dir, 'bin');
    wrapper(path.join(pathDir, 'crosswire'), 'path');
  });

  it('never runs a program the workspace names; a relative user path waits for trust, then the server restarts with it', { skip: process.platform === 'win32' }, async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = pathDir;
    try {
      const settings = { 'server.path': 'tools/crosswire' }; // the user's own, relative
      const workspace = { 'server.path': path.join(ws, 'tools', 'crosswire') }; // .vscode/settings.json
      const { calls, module } = makeVscode(settings, undefined, { trusted: false, workspace, folder: ws });
      const ext = loadExtension(module);
      const extensionPath = path.join(dir, 'ext'); // nothing bundled
      await ext.activate({ subscriptions: [], extensionPath, asAbsolutePath: (p) => path.join(extensionPath, p) });
      await until(() => read().split('\n').some((l) => l.startsWith('initialize ')), 'a server start');
      assert.deepEqual(ran(), ['path'], 'untrusted: crosswire from PATH, not the workspace\'s program');
      assert.deepEqual(calls.errors, [], 'no error shown');
      const out = calls.output.join('\n');
      assert.match(out, /in the workspace settings is ignored/, out);
      assert.match(out, /relative path.*not trusted/, out);
      assert.ok(calls.output.some((l) => l.includes(`starting ${path.join(pathDir, 'crosswire')} lsp (from crosswire on PATH; workspace not trusted)`)), out);

      // The user trusts the folder: the relative user setting now counts, the workspace's value still does not.
      assert.equal(calls.trustListeners.length, 1, 'the extension listens for onDidGrantWorkspaceTrust');
      module.workspace.isTrusted = true;
      calls.trustListeners[0]();
      await until(() => read().split('\n').filter((l) => l.startsWith('initialize ')).length === 2, 'a restart after trust was granted');
      assert.deepEqual(ran(), ['path', 'folder'], 'trusted: the user\'s relative path, resolved against the folder');
      assert.ok(calls.output.some((l) => l.includes('(from crosswire.server.path in your user (or remote) settings; workspace trusted)')), calls.output.join('\n'));
      assert.match(calls.output.join('\n'), /in the workspace settings is ignored/);
      await ext.deactivate();
      assert.equal(read().split('\n').filter((l) => l === 'shutdown').length, 2, `both servers shut down; log:\n${read()}`);
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
