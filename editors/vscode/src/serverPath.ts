// Finding the `crosswire` binary: the setting, else the binary bundled with the extension, else PATH.
// No `vscode` import here, so the unit tests can run this file under plain Node.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export type ServerLocation =
  | { kind: 'found'; command: string; origin: 'setting' | 'bundled' | 'path' }
  | { kind: 'missing'; origin: 'setting'; tried: string }
  | { kind: 'missing'; origin: 'path'; tried: string };

export interface ResolveInput {
  /** Value of `crosswire.server.path` (may be empty). */
  setting: string;
  /** Absolute path of the extension folder. */
  extensionPath: string;
  /** First workspace folder, for relative settings. */
  workspaceFolder?: string;
  /** Environment, for PATH and PATHEXT (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Expands `~` and resolves a relative setting against the workspace folder. */
export function expandSetting(setting: string, workspaceFolder?: string): string {
  let p = setting.trim();
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) p = path.join(os.homedir(), p.slice(1));
  if (!path.isAbsolute(p) && workspaceFolder) p = path.resolve(workspaceFolder, p);
  return p;
}

/** Looks for `name` on PATH the way a shell would. */
export function whichOnPath(name: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const pathVar = env.PATH ?? env.Path ?? '';
  const sep = platform === 'win32' ? ';' : ':';
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').concat(['']) : [''];
  for (const dir of pathVar.split(sep)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

export function resolveServer(input: ResolveInput): ServerLocation {
  const platform = input.platform ?? process.platform;
  const binary = platform === 'win32' ? 'crosswire.exe' : 'crosswire';
  const setting = input.setting.trim();
  if (setting) {
    const p = expandSetting(setting, input.workspaceFolder);
    // A bare command name ("crosswire-dev") is looked up on PATH.
    if (!setting.includes('/') && !setting.includes('\\') && !path.isAbsolute(setting) && !fs.existsSync(p)) {
      const onPath = whichOnPath(setting, input.env, platform);
      if (onPath) return { kind: 'found', command: onPath, origin: 'setting' };
    }
    if (isExecutableFile(p, platform)) return { kind: 'found', command: p, origin: 'setting' };
    return { kind: 'missing', origin: 'setting', tried: p };
  }
  const bundled = path.join(input.extensionPath, 'server', binary);
  if (isExecutableFile(bundled, platform)) return { kind: 'found', command: bundled, origin: 'bundled' };
  const onPath = whichOnPath('crosswire', input.env, platform);
  if (onPath) return { kind: 'found', command: onPath, origin: 'path' };
  return { kind: 'missing', origin: 'path', tried: 'crosswire' };
}

/** The message a user sees when the binary cannot be found; it names the setting to fix. */
export function missingMessage(loc: Extract<ServerLocation, { kind: 'missing' }>): string {
  if (loc.origin === 'setting') {
    return `crosswire: the language server was not found at "${loc.tried}" (setting crosswire.server.path). Fix the path or clear the setting to use the crosswire on your PATH.`;
  }
  return 'crosswire: the language server binary "crosswire" was not found on your PATH and none is bundled with the extension. Install it (cargo install --path . in the crosswire repository) or set crosswire.server.path.';
}
