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

function makeVscode(settings, choice) {
  const calls = { errors: [], executed: [], commands: new Map(), output: [], configListeners: [] };
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
      workspaceFolders: undefined,
      getConfiguration: () => ({ get: (key, dflt) => (key in settings ? settings[key] : dflt) }),
      onDidChangeConfiguration: (fn) => { calls.configListeners.push(fn); return disposable; },
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
