// Finding the `crosswire` binary: your user setting, else the binary bundled with the extension, else
// PATH. No `vscode` import here, so the unit tests can run this file under plain Node.
//
// Security: `crosswire.server.path` names a program the extension runs, so a folder must never be
// able to choose it. Only the user's own value counts (`inspect().globalValue`: user settings, or
// the remote machine's settings in a remote window); values from the workspace or a workspace
// folder are ignored and reported, whether or not the workspace is trusted (the setting is
// machine-scoped in package.json, so VS Code already ignores them; this is the second fence). In an
// untrusted workspace a relative path, which would be resolved against the workspace folder, is not
// used either: the lookup goes on with the bundled binary and PATH.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Where the command came from, for the output channel. */
export type ServerOrigin = 'setting' | 'bundled' | 'path';

export type ServerLocation =
  | { kind: 'found'; command: string; origin: ServerOrigin; notes: string[] }
  | { kind: 'missing'; origin: 'setting' | 'path'; tried: string; notes: string[] };

/** `crosswire.server.path` layer by layer, as `WorkspaceConfiguration.inspect()` gives it. */
export interface SettingLayers {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export interface ResolveInput {
  /** `crosswire.server.path`: its layers from `inspect()`, or a string taken as the user's value. */
  setting: string | SettingLayers | undefined;
  /** `vscode.workspace.isTrusted`; anything but `true` counts as untrusted. */
  trusted: boolean;
  /** Absolute path of the extension folder. */
  extensionPath: string;
  /** First workspace folder, for a relative setting (used only when the workspace is trusted). */
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

function asText(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/**
 * The user's value of the setting, and a note for every value set by the workspace (ignored: a
 * folder must not choose the program the extension runs).
 */
export function userSetting(setting: ResolveInput['setting']): { value: string; notes: string[] } {
  if (setting === undefined || typeof setting === 'string') return { value: asText(setting), notes: [] };
  const notes: string[] = [];
  const ignored: [unknown, string][] = [
    [setting.workspaceValue, 'the workspace settings'],
    [setting.workspaceFolderValue, 'the workspace folder settings'],
  ];
  for (const [value, where] of ignored) {
    if (asText(value)) {
      notes.push(
        `crosswire.server.path "${asText(value)}" in ${where} is ignored: only your user settings can choose the program crosswire runs.`,
      );
    }
  }
  return { value: asText(setting.globalValue), notes };
}

/** Expands a leading `~` to the home folder. */
export function expandHome(setting: string): string {
  const p = setting.trim();
  if (p === '~' || p.startsWith('~/') || p.startsWith('~\\')) return path.join(os.homedir(), p.slice(1));
  return p;
}

/** A bare command name ("crosswire-dev"), looked up on PATH rather than as a file. */
function isBareName(setting: string): boolean {
  return !setting.includes('/') && !setting.includes('\\') && !path.isAbsolute(setting);
}

/** Looks for `name` on PATH the way a shell would, skipping relative entries (they would resolve against an arbitrary current folder). */
export function whichOnPath(name: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const pathVar = env.PATH ?? env.Path ?? '';
  const sep = platform === 'win32' ? ';' : ':';
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').concat(['']) : [''];
  for (const dir of pathVar.split(sep)) {
    if (!dir || !path.isAbsolute(dir)) continue;
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
  const trusted = input.trusted === true;
  const { value: setting, notes } = userSetting(input.setting);

  if (setting) {
    if (isBareName(setting) && setting !== '~') {
      // A command name is looked up on PATH only, never in the workspace folder.
      const onPath = whichOnPath(setting, input.env, platform);
      if (onPath) return { kind: 'found', command: onPath, origin: 'setting', notes };
      return { kind: 'missing', origin: 'setting', tried: setting, notes };
    }
    const expanded = expandHome(setting);
    if (path.isAbsolute(expanded)) {
      if (isExecutableFile(expanded, platform)) return { kind: 'found', command: expanded, origin: 'setting', notes };
      return { kind: 'missing', origin: 'setting', tried: expanded, notes };
    }
    // A relative path: against the first workspace folder, and only when the workspace is trusted.
    if (!trusted) {
      notes.push(
        `crosswire.server.path "${setting}" is a relative path, which would run a program from the workspace folder; this workspace is not trusted, so it is not used (trust the workspace, or give an absolute path or one starting with ~/).`,
      );
    } else if (!input.workspaceFolder) {
      return {
        kind: 'missing',
        origin: 'setting',
        tried: setting,
        notes: [...notes, `crosswire.server.path "${setting}" is a relative path and no workspace folder is open to resolve it against.`],
      };
    } else {
      const p = path.resolve(input.workspaceFolder, expanded);
      if (isExecutableFile(p, platform)) return { kind: 'found', command: p, origin: 'setting', notes };
      return { kind: 'missing', origin: 'setting', tried: p, notes };
    }
  }

  const bundled = path.join(input.extensionPath, 'server', binary);
  if (isExecutableFile(bundled, platform)) return { kind: 'found', command: bundled, origin: 'bundled', notes };
  const onPath = whichOnPath('crosswire', input.env, platform);
  if (onPath) return { kind: 'found', command: onPath, origin: 'path', notes };
  return { kind: 'missing', origin: 'path', tried: 'crosswire', notes };
}

/** Where a found binary came from, in words, for the output channel. */
export function describeOrigin(loc: Extract<ServerLocation, { kind: 'found' }>): string {
  switch (loc.origin) {
    case 'setting':
      return 'crosswire.server.path in your user (or remote) settings';
    case 'bundled':
      return 'the binary bundled with the extension';
    case 'path':
      return 'crosswire on PATH';
  }
}

/** The message a user sees when the binary cannot be found; it names the setting to fix. */
export function missingMessage(loc: Extract<ServerLocation, { kind: 'missing' }>): string {
  const base =
    loc.origin === 'setting'
      ? `crosswire: the language server was not found at "${loc.tried}" (setting crosswire.server.path). Fix the path or clear the setting to use the crosswire on your PATH.`
      : 'crosswire: the language server binary "crosswire" was not found on your PATH and none is bundled with the extension. Install it (cargo install --path . in the crosswire repository) or set crosswire.server.path in your user settings.';
  return loc.notes.length > 0 ? `${base} ${loc.notes.join(' ')}` : base;
}
