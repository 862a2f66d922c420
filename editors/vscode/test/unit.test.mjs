// Unit tests of the binary lookup (src/serverPath.ts), bundled on the fly with esbuild; no VS Code needed.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { extensionRoot } from './helpers.mjs';

const require = createRequire(import.meta.url);
let sp;
let tmp;

function executable(file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\nexit 0\n');
  fs.chmodSync(file, 0o755);
  return file;
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswire-unit-'));
  const out = path.join(tmp, 'serverPath.cjs');
  await esbuild.build({
    entryPoints: [path.join(extensionRoot, 'src', 'serverPath.ts')],
    bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent',
  });
  sp = require(out);
});

const found = (command, origin, notes = []) => ({ kind: 'found', command, origin, notes });

describe('resolveServer (linux)', { skip: process.platform === 'win32' }, () => {
  it('prefers the setting when it points at an executable', () => {
    const bin = executable(path.join(tmp, 'a', 'my-crosswire'));
    const ext = path.join(tmp, 'ext-with-server');
    executable(path.join(ext, 'server', 'crosswire'));
    const r = sp.resolveServer({ setting: bin, trusted: true, extensionPath: ext, env: { PATH: '' } });
    assert.deepEqual(r, found(bin, 'setting'));
  });

  it('resolves a relative setting against the workspace folder when the workspace is trusted', () => {
    const ws = path.join(tmp, 'ws');
    const bin = executable(path.join(ws, 'bin', 'crosswire'));
    const r = sp.resolveServer({ setting: 'bin/crosswire', trusted: true, extensionPath: tmp, workspaceFolder: ws, env: { PATH: '' } });
    assert.deepEqual(r, found(bin, 'setting'));
  });

  it('expands ~ in the setting', () => {
    assert.equal(sp.expandHome('~/x/crosswire'), path.join(os.homedir(), 'x', 'crosswire'));
  });

  it('looks a bare command name in the setting up on PATH', () => {
    const dir = path.join(tmp, 'pathdir-bare');
    const bin = executable(path.join(dir, 'crosswire-dev'));
    const r = sp.resolveServer({ setting: 'crosswire-dev', trusted: true, extensionPath: tmp, env: { PATH: dir } });
    assert.deepEqual(r, found(bin, 'setting'));
  });

  it('reports a wrong setting by name, without falling back silently', () => {
    const dir = path.join(tmp, 'pathdir-fallback');
    executable(path.join(dir, 'crosswire'));
    const wrong = path.join(tmp, 'does', 'not', 'exist');
    const r = sp.resolveServer({ setting: wrong, trusted: true, extensionPath: tmp, env: { PATH: dir } });
    assert.deepEqual(r, { kind: 'missing', origin: 'setting', tried: wrong, notes: [] });
    const msg = sp.missingMessage(r);
    assert.match(msg, /crosswire\.server\.path/);
    assert.ok(msg.includes(wrong), msg);
  });

  it('does not accept a file that is not executable', () => {
    const file = path.join(tmp, 'not-exec');
    fs.writeFileSync(file, 'x');
    fs.chmodSync(file, 0o644);
    const r = sp.resolveServer({ setting: file, trusted: true, extensionPath: tmp, env: { PATH: '' } });
    assert.equal(r.kind, 'missing');
  });

  it('uses the bundled server/crosswire when the setting is empty', () => {
    const ext = path.join(tmp, 'ext-bundled');
    const bundled = executable(path.join(ext, 'server', 'crosswire'));
    const dir = path.join(tmp, 'pathdir-2');
    executable(path.join(dir, 'crosswire'));
    const r = sp.resolveServer({ setting: '  ', trusted: true, extensionPath: ext, env: { PATH: dir } });
    assert.deepEqual(r, found(bundled, 'bundled'));
    assert.equal(sp.describeOrigin(r), 'the binary bundled with the extension');
  });

  it('falls back to crosswire on PATH', () => {
    const dir = path.join(tmp, 'pathdir-3');
    const bin = executable(path.join(dir, 'crosswire'));
    const r = sp.resolveServer({ setting: '', trusted: true, extensionPath: path.join(tmp, 'no-ext'), env: { PATH: `/nonexistent:${dir}` } });
    assert.deepEqual(r, found(bin, 'path'));
    assert.equal(sp.describeOrigin(r), 'crosswire on PATH');
  });

  it('says what to do when nothing is found', () => {
    const r = sp.resolveServer({ setting: '', trusted: true, extensionPath: path.join(tmp, 'no-ext'), env: { PATH: '/nonexistent' } });
    assert.deepEqual(r, { kind: 'missing', origin: 'path', tried: 'crosswire', notes: [] });
    const msg = sp.missingMessage(r);
    assert.match(msg, /PATH/);
    assert.match(msg, /crosswire\.server\.path/);
  });
});

// crosswire.server.path names a program to run: a folder must never choose it (issue 9).
describe('workspace trust: who may choose the binary (linux)', { skip: process.platform === 'win32' }, () => {
  let ws;
  let evil;
  let pathDir;
  let onPath;
  let ext;
  let bundled;
  before(() => {
    ws = path.join(tmp, 'untrusted-ws');
    evil = executable(path.join(ws, 'evil', 'crosswire'));
    executable(path.join(ws, 'crosswire-dev')); // a bare name must never find this one
    pathDir = path.join(tmp, 'trust-path');
    onPath = executable(path.join(pathDir, 'crosswire'));
    ext = path.join(tmp, 'trust-ext');
    bundled = executable(path.join(ext, 'server', 'crosswire'));
  });

  for (const trusted of [false, true]) {
    const state = trusted ? 'trusted' : 'untrusted';

    it(`${state}: a workspace value is ignored, with a note, and PATH is used`, () => {
      const r = sp.resolveServer({
        setting: { workspaceValue: evil },
        trusted,
        extensionPath: path.join(tmp, 'no-ext'),
        workspaceFolder: ws,
        env: { PATH: pathDir },
      });
      assert.equal(r.kind, 'found');
      assert.equal(r.command, onPath);
      assert.equal(r.origin, 'path');
      assert.equal(r.notes.length, 1, JSON.stringify(r.notes));
      assert.match(r.notes[0], /workspace settings is ignored/);
      assert.ok(r.notes[0].includes(evil), r.notes[0]);
    });

    it(`${state}: a workspace folder value is ignored and the bundled binary is used`, () => {
      const r = sp.resolveServer({
        setting: { workspaceFolderValue: 'evil/crosswire', workspaceValue: '' },
        trusted,
        extensionPath: ext,
        workspaceFolder: ws,
        env: { PATH: pathDir },
      });
      assert.equal(r.command, bundled);
      assert.equal(r.origin, 'bundled');
      assert.equal(r.notes.length, 1, JSON.stringify(r.notes));
      assert.match(r.notes[0], /workspace folder settings is ignored/);
    });

    it(`${state}: the user's value wins over a workspace value`, () => {
      const mine = executable(path.join(tmp, 'home-bin', 'crosswire'));
      const r = sp.resolveServer({
        setting: { globalValue: mine, workspaceValue: evil, workspaceFolderValue: evil },
        trusted,
        extensionPath: ext,
        workspaceFolder: ws,
        env: { PATH: pathDir },
      });
      assert.equal(r.command, mine);
      assert.equal(r.origin, 'setting');
      assert.equal(sp.describeOrigin(r), 'crosswire.server.path in your user (or remote) settings');
      assert.equal(r.notes.length, 2);
    });

    it(`${state}: a bare command name is looked up on PATH only, never in the workspace folder`, () => {
      const r = sp.resolveServer({ setting: { globalValue: 'crosswire-dev' }, trusted, extensionPath: ext, workspaceFolder: ws, env: { PATH: pathDir } });
      assert.deepEqual(r, { kind: 'missing', origin: 'setting', tried: 'crosswire-dev', notes: [] });
    });
  }

  it('untrusted: a relative user value is not resolved against the workspace folder; bundled, then PATH, instead', () => {
    const input = { setting: { globalValue: 'evil/crosswire' }, trusted: false, extensionPath: ext, workspaceFolder: ws, env: { PATH: pathDir } };
    const r = sp.resolveServer(input);
    assert.equal(r.command, bundled);
    assert.equal(r.origin, 'bundled');
    assert.equal(r.notes.length, 1);
    assert.match(r.notes[0], /relative path/);
    assert.match(r.notes[0], /not trusted/);
    const r2 = sp.resolveServer({ ...input, extensionPath: path.join(tmp, 'no-ext') });
    assert.equal(r2.command, onPath);
    assert.equal(r2.origin, 'path');
  });

  it('untrusted, and nothing else found: the message says why the relative setting was not used', () => {
    const r = sp.resolveServer({ setting: { globalValue: './evil/crosswire' }, trusted: false, extensionPath: path.join(tmp, 'no-ext'), workspaceFolder: ws, env: { PATH: '/nonexistent' } });
    assert.equal(r.kind, 'missing');
    assert.equal(r.origin, 'path');
    const msg = sp.missingMessage(r);
    assert.match(msg, /relative path/);
    assert.match(msg, /not trusted/);
  });

  it('trusted: the same relative user value is resolved against the workspace folder', () => {
    const r = sp.resolveServer({ setting: { globalValue: 'evil/crosswire' }, trusted: true, extensionPath: ext, workspaceFolder: ws, env: { PATH: pathDir } });
    assert.deepEqual(r, found(evil, 'setting'));
  });

  it('untrusted: an absolute or ~ user value is used', () => {
    const mine = executable(path.join(tmp, 'abs-bin', 'crosswire'));
    const r = sp.resolveServer({ setting: { globalValue: mine }, trusted: false, extensionPath: ext, workspaceFolder: ws, env: { PATH: pathDir } });
    assert.deepEqual(r, found(mine, 'setting'));
    const home = sp.resolveServer({ setting: { globalValue: '~/no-such-dir-crosswire/crosswire' }, trusted: false, extensionPath: ext, env: { PATH: pathDir } });
    assert.deepEqual(home, { kind: 'missing', origin: 'setting', tried: path.join(os.homedir(), 'no-such-dir-crosswire', 'crosswire'), notes: [] });
  });

  it('trust is only an explicit true: undefined counts as untrusted', () => {
    const r = sp.resolveServer({ setting: { globalValue: 'evil/crosswire' }, extensionPath: ext, workspaceFolder: ws, env: { PATH: pathDir } });
    assert.equal(r.origin, 'bundled');
  });

  it('trusted, a relative value and no workspace folder: missing, with the reason', () => {
    const r = sp.resolveServer({ setting: { globalValue: 'evil/crosswire' }, trusted: true, extensionPath: ext, env: { PATH: pathDir } });
    assert.equal(r.kind, 'missing');
    assert.equal(r.origin, 'setting');
    assert.match(sp.missingMessage(r), /no workspace folder/);
  });

  it('PATH entries that are relative are skipped (they would resolve against an arbitrary folder)', () => {
    const cwd = process.cwd();
    try {
      process.chdir(ws); // ws/crosswire-dev exists
      assert.equal(sp.whichOnPath('crosswire-dev', { PATH: '.' }, 'linux'), undefined);
      assert.equal(sp.whichOnPath('crosswire-dev', { PATH: `.:${ws}` }, 'linux'), path.join(ws, 'crosswire-dev'));
    } finally {
      process.chdir(cwd);
    }
  });
});

// package.json: the manifest VS Code reads for workspace trust and the setting's scope.
describe('package.json declares the trust rules', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));

  it('limited support in untrusted workspaces, with crosswire.server.path restricted', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual(untrusted.restrictedConfigurations, ['crosswire.server.path']);
    assert.ok(untrusted.description.length > 0, 'a description for the restricted-mode dialog');
  });

  it('crosswire.server.path is machine-scoped: user or remote settings only, never the workspace', () => {
    assert.equal(manifest.contributes.configuration.properties['crosswire.server.path'].scope, 'machine');
  });
});
