// Bundles src/extension.ts and vscode-languageclient into one file, dist/extension.js, and copies
// the repository's JSON schema for crosswire.json (schemas/crosswire.schema.json, kept in step with
// src/config.rs by a Rust test) into the extension, for the jsonValidation contribution.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const schemaSource = path.resolve(here, '..', '..', 'schemas', 'crosswire.schema.json');
const schemaTarget = path.join(here, 'schemas', 'crosswire.schema.json');
if (!fs.existsSync(schemaSource)) {
  console.error(`missing ${schemaSource}: the extension ships the repository's crosswire.json schema`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(schemaTarget), { recursive: true });
fs.copyFileSync(schemaSource, schemaTarget);

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  external: ['vscode'],
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}
