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

describe('resolveServer (linux)', { skip: process.platform === 'win32' }, () => {
  it('prefers the setting when it points at an executable', () => {
    const bin = executable(path.join(tmp, 'a', 'my-crosswire'));
    const ext = path.join(tmp, 'ext-with-server');
    executable(path.join(ext, 'server', 'crosswire'));
    const r = sp.resolveServer({ setting: bin, extensionPath: ext, env: { PATH: '' } });
    assert.deepEqual(r, { kind: 'found', command: bin, origin: 'setting' });
  });

  it('resolves a relative setting against the workspace folder', () => {
    const ws = path.join(tmp, 'ws');
    const bin = executable(path.join(ws, 'bin', 'crosswire'));
    const r = sp.resolveServer({ setting: 'bin/crosswire', extensionPath: tmp, workspaceFolder: ws, env: { PATH: '' } });
    assert.deepEqual(r, { kind: 'found', command: bin, origin: 'setting' });
  });

  it('expands ~ in the setting', () => {
    assert.equal(sp.expandSetting('~/x/crosswire'), path.join(os.homedir(), 'x', 'crosswire'));
  });

  it('looks a bare command name in the setting up on PATH', () => {
    const dir = path.join(tmp, 'pathdir-bare');
    const bin = executable(path.join(dir, 'crosswire-dev'));
    const r = sp.resolveServer({ setting: 'crosswire-dev', extensionPath: tmp, env: { PATH: dir } });
    assert.deepEqual(r, { kind: 'found', command: bin, origin: 'setting' });
  });

  it('reports a wrong setting by name, without falling back silently', () => {
    const dir = path.join(tmp, 'pathdir-fallback');
    executable(path.join(dir, 'crosswire'));
    const wrong = path.join(tmp, 'does', 'not', 'exist');
    const r = sp.resolveServer({ setting: wrong, extensionPath: tmp, env: { PATH: dir } });
    assert.deepEqual(r, { kind: 'missing', origin: 'setting', tried: wrong });
    const msg = sp.missingMessage(r);
    assert.match(msg, /crosswire\.server\.path/);
    assert.ok(msg.includes(wrong), msg);
  });

  it('does not accept a file that is not executable', () => {
    const file = path.join(tmp, 'not-exec');
    fs.writeFileSync(file, 'x');
    fs.chmodSync(file, 0o644);
    const r = sp.resolveServer({ setting: file, extensionPath: tmp, env: { PATH: '' } });
    assert.equal(r.kind, 'missing');
  });

  it('uses the bundled server/crosswire when the setting is empty', () => {
    const ext = path.join(tmp, 'ext-bundled');
    const bundled = executable(path.join(ext, 'server', 'crosswire'));
    const dir = path.join(tmp, 'pathdir-2');
    executable(path.join(dir, 'crosswire'));
    const r = sp.resolveServer({ setting: '  ', extensionPath: ext, env: { PATH: dir } });
    assert.deepEqual(r, { kind: 'found', command: bundled, origin: 'bundled' });
  });

  it('falls back to crosswire on PATH', () => {
    const dir = path.join(tmp, 'pathdir-3');
    const bin = executable(path.join(dir, 'crosswire'));
    const r = sp.resolveServer({ setting: '', extensionPath: path.join(tmp, 'no-ext'), env: { PATH: `/nonexistent:${dir}` } });
    assert.deepEqual(r, { kind: 'found', command: bin, origin: 'path' });
  });

  it('says what to do when nothing is found', () => {
    const r = sp.resolveServer({ setting: '', extensionPath: path.join(tmp, 'no-ext'), env: { PATH: '/nonexistent' } });
    assert.deepEqual(r, { kind: 'missing', origin: 'path', tried: 'crosswire' });
    const msg = sp.missingMessage(r);
    assert.match(msg, /PATH/);
    assert.match(msg, /crosswire\.server\.path/);
  });
});
