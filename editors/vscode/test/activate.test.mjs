// Loads the bundled dist/extension.js with a stand-in `vscode` module and checks what a user meets
// when the server binary is missing: the restart command exists, and the error names the setting and
// offers "Open Settings", which opens crosswire.server.path. (Starting a real client needs VS Code
// itself; issue 8's code-server test covers that.)

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
    construct() { return {}; },
  });
}

function makeVscode(settings, choice) {
  const calls = { errors: [], executed: [], commands: new Map(), output: [] };
  const disposable = { dispose() {} };
  const vscode = {
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
      onDidChangeConfiguration: () => disposable,
    },
  };
  return {
    calls,
    module: new Proxy(vscode, { get: (t, p) => (p in t ? t[p] : anything(`vscode.${String(p)}`)) }),
  };
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
