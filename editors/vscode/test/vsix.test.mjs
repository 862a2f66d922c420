// Checks the packaged crosswire.vsix (run `npm run package` first): the files a user installs and the
// manifest VS Code reads to activate the extension and show its settings.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';
import yauzl from 'yauzl';
import { extensionRoot, repoRoot } from './helpers.mjs';

const vsixPath = process.env.CROSSWIRE_VSIX || path.join(extensionRoot, 'crosswire.vsix');

/** Reads every entry of a zip into a Map name -> Buffer. */
function readZip(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const entries = new Map();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('end', () => { entries.set(entry.fileName, Buffer.concat(chunks)); zip.readEntry(); });
          stream.on('error', reject);
        });
      });
      zip.readEntry();
    });
  });
}

describe(`the packaged extension (${path.relative(process.cwd(), vsixPath)})`, () => {
  let entries;
  let manifest;

  before(async () => {
    assert.ok(fs.existsSync(vsixPath), `${vsixPath} not found; run npm run package first`);
    entries = await readZip(vsixPath);
    manifest = JSON.parse(entries.get('extension/package.json').toString('utf8'));
  });

  it('contains the bundled entry file named by "main"', () => {
    assert.ok(entries.has('extension/dist/extension.js'), `entries: ${[...entries.keys()].join(', ')}`);
    assert.equal(path.posix.normalize(manifest.main), 'dist/extension.js');
    assert.ok(entries.get('extension/dist/extension.js').length > 10000, 'the bundle is not empty');
  });

  it('bundles its dependencies: the entry requires only vscode and Node built-ins', () => {
    const js = entries.get('extension/dist/extension.js').toString('utf8');
    const required = new Set([...js.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const foreign = [...required].filter((m) => m !== 'vscode' && !builtins.has(m));
    assert.deepEqual(foreign, [], `unbundled requires: ${foreign.join(', ')}`);
    assert.ok(required.has('vscode'), 'the bundle requires vscode');
  });

  it('ships no sources, tests or node_modules', () => {
    const stray = [...entries.keys()].filter((n) => /^extension\/(src|test|node_modules)\//.test(n) || n.endsWith('.ts') || n.endsWith('.map'));
    assert.deepEqual(stray, []);
  });

  it('ships the marketplace README, CHANGELOG, LICENSE and the crosswire.json schema', () => {
    const names = [...entries.keys()].map((n) => n.toLowerCase());
    for (const f of ['extension/readme.md', 'extension/changelog.md', 'extension/license.txt']) {
      assert.ok(names.includes(f), `${f} in ${names.join(', ')}`);
    }
    const validation = manifest.contributes.jsonValidation.find((v) => v.fileMatch === 'crosswire.json');
    assert.ok(validation, 'jsonValidation for crosswire.json');
    const schemaEntry = path.posix.join('extension', path.posix.normalize(validation.url));
    assert.ok(entries.has(schemaEntry), `${schemaEntry} in the vsix`);
    const shipped = JSON.parse(entries.get(schemaEntry).toString('utf8'));
    const source = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'crosswire.schema.json'), 'utf8'));
    assert.deepEqual(shipped, source, 'the shipped schema is the repository\'s schemas/crosswire.schema.json');
  });

  it('declares identity and engine', () => {
    assert.equal(manifest.name, 'crosswire');
    assert.ok(manifest.publisher, 'publisher');
    assert.equal(manifest.engines.vscode, '^1.82.0');
    const xml = entries.get('extension.vsixmanifest').toString('utf8');
    assert.match(xml, /<Identity[^>]*Id="crosswire"/);
    assert.match(xml, /Microsoft\.VisualStudio\.Code\.Engine" Value="\^1\.82\.0"/);
  });

  it('declares the activation events', () => {
    for (const ev of ['workspaceContains:**/crosswire.json', 'onLanguage:plaintext', 'onLanguage:markdown']) {
      assert.ok(manifest.activationEvents.includes(ev), `activation event ${ev}`);
    }
  });

  it('declares the settings with their defaults', () => {
    const props = manifest.contributes.configuration.properties;
    assert.equal(props['crosswire.server.path'].type, 'string');
    assert.equal(props['crosswire.server.path'].default, '');
    assert.deepEqual(props['crosswire.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.equal(props['crosswire.trace.server'].default, 'off');
    assert.equal(props['crosswire.articles'].type, 'array');
    assert.equal(props['crosswire.articles'].items.type, 'string');
  });

  it('keeps a workspace from choosing the binary in an untrusted folder', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual(untrusted.restrictedConfigurations, ['crosswire.server.path']);
    // machine scope: VS Code reads the setting from user (or remote) settings only, never from a
    // workspace, trusted or not; the extension also reads only inspect().globalValue.
    assert.equal(manifest.contributes.configuration.properties['crosswire.server.path'].scope, 'machine');
  });

  it('declares the restart command', () => {
    const cmd = manifest.contributes.commands.find((c) => c.command === 'crosswire.restartServer');
    assert.ok(cmd, 'crosswire.restartServer');
    assert.equal(`${cmd.category}: ${cmd.title}`, 'crosswire: Restart Server');
  });
});
