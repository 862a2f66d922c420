// Shared by the Node tests: where the server binary and the seed articles are.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const extensionRoot = path.resolve(here, '..');
export const repoRoot = path.resolve(extensionRoot, '..', '..');
export const seedsDir = path.join(repoRoot, 'fixtures', 'seeds');

export const SEED_CONFLICT = '002_142ef9cbeb2672f9.txt'; // 275,000 civilians
export const SEED_RELATED = ['001_72b7bbedfb28fc0c.txt', '004_6cd4a45ba0995dfa.txt']; // 250,000

/** The server binary: $CROSSWIRE_BIN (relative to the repo root when relative), else target/debug/crosswire. */
export function serverBinary() {
  const configured = process.env.CROSSWIRE_BIN || path.join('target', 'debug', 'crosswire');
  return path.isAbsolute(configured) ? configured : path.resolve(repoRoot, configured);
}

/** Copies fixtures/seeds into a fresh temporary folder and returns its path. */
export function copySeeds() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswire-seeds-'));
  for (const name of fs.readdirSync(seedsDir)) {
    fs.copyFileSync(path.join(seedsDir, name), path.join(dir, name));
  }
  return fs.realpathSync(dir);
}

export function fileUri(p) {
  return pathToFileURL(p).href;
}

/** Base name of a file: URI, tolerant of percent-encoding differences between client and server. */
export function uriBase(uri) {
  try {
    return path.basename(fileURLToPath(uri));
  } catch {
    return uri;
  }
}

/** LSP position (0-based line, UTF-16 column) of the `nth` occurrence of `needle` in `text`. */
export function positionOf(text, needle, nth = 0) {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" (occurrence ${nth}) not found`);
  }
  const before = text.slice(0, index);
  const lines = before.split(/\r\n|\r|\n/);
  // JavaScript string indices are UTF-16 code units, the LSP default encoding.
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** The text a range covers (UTF-16 columns). */
export function textOfRange(text, range) {
  const lines = text.split(/\r\n|\r|\n/);
  if (range.start.line === range.end.line) {
    return (lines[range.start.line] ?? '').slice(range.start.character, range.end.character);
  }
  const parts = [(lines[range.start.line] ?? '').slice(range.start.character)];
  for (let l = range.start.line + 1; l < range.end.line; l++) parts.push(lines[l] ?? '');
  parts.push((lines[range.end.line] ?? '').slice(0, range.end.character));
  return parts.join('\n');
}

/** Flattens any hover `contents` shape (MarkupContent, MarkedString, MarkedString[]) to text. */
export function hoverText(hover) {
  if (!hover) return '';
  const c = hover.contents;
  const one = (x) => (typeof x === 'string' ? x : x && typeof x.value === 'string' ? x.value : '');
  return Array.isArray(c) ? c.map(one).join('\n') : one(c);
}

/** Normalises a definition answer (Location | Location[] | LocationLink[] | null) to [{uri, range}]. */
export function locations(result) {
  if (!result) return [];
  const list = Array.isArray(result) ? result : [result];
  return list.map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange ?? l.targetRange } : l));
}
