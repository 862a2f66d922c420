// The crosswire extension: starts `crosswire lsp` and passes settings. All behaviour lives in the server.

import * as vscode from 'vscode';
import { spawn } from 'child_process';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { describeOrigin, missingMessage, resolveServer } from './serverPath';

const CLIENT_ID = 'crosswire';
const CLIENT_NAME = 'crosswire';
const OPEN_SETTINGS = 'Open Settings';
const SHOW_OUTPUT = 'Show Output';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
// Serialises start/stop so a burst of setting changes cannot start two servers.
let pending: Promise<void> = Promise.resolve();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(CLIENT_NAME);
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand('crosswire.restartServer', () => enqueue(() => restart(context, true))),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // trace.server is applied by the client itself; the rest needs a new server process.
      if (e.affectsConfiguration('crosswire.server.path') || e.affectsConfiguration('crosswire.articles')) {
        output?.appendLine('crosswire: settings changed, restarting the server');
        void enqueue(() => restart(context, false));
      }
    }),
    // In an untrusted workspace a relative crosswire.server.path is not used; once the user
    // trusts the folder, start again with it.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output?.appendLine('crosswire: the workspace is now trusted, restarting the server');
      void enqueue(() => restart(context, false));
    }),
    // behind a start or restart still in flight: a client that is starting cannot be stopped
    { dispose: () => void enqueue(stopClient) },
  );

  await enqueue(() => startClient(context));
}

export async function deactivate(): Promise<void> {
  // queued like every start and restart: stopping a client that is still starting throws, and
  // would leave its server running
  await enqueue(stopClient);
}

function enqueue(task: () => Promise<void>): Promise<void> {
  pending = pending.then(task, task);
  return pending;
}

async function restart(context: vscode.ExtensionContext, announce: boolean): Promise<void> {
  await stopClient();
  await startClient(context);
  if (announce && client?.state === State.Running) {
    void vscode.window.setStatusBarMessage('crosswire: server restarted', 3000);
  }
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('crosswire');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const trusted = vscode.workspace.isTrusted === true;
  // inspect(), not get(): only the user's own value may name the program to run (serverPath.ts).
  const location = resolveServer({
    setting: config.inspect<string>('server.path'),
    trusted,
    extensionPath: context.extensionPath,
    workspaceFolder: folder?.scheme === 'file' ? folder.fsPath : undefined,
  });

  if (location.kind === 'missing') {
    const message = missingMessage(location);
    output?.appendLine(message);
    void vscode.window.showErrorMessage(message, OPEN_SETTINGS, SHOW_OUTPUT).then((choice) => {
      if (choice === OPEN_SETTINGS) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'crosswire.server.path');
      } else if (choice === SHOW_OUTPUT) {
        output?.show(true);
      }
    });
    return;
  }

  // Why a setting was not used (the message above carries the same notes when nothing was found).
  for (const note of location.notes) output?.appendLine(`crosswire: ${note}`);
  output?.appendLine(
    `crosswire: starting ${location.command} lsp (from ${describeOrigin(location)}; workspace ${trusted ? 'trusted' : 'not trusted'})`,
  );
  // The process is spawned here rather than by the client so that what the binary says on
  // stderr, and how it exited, can be quoted when it stops before the session starts.
  const died: { stderr: string[]; code: number | null } = { stderr: [], code: null };
  const serverOptions: ServerOptions = () =>
    new Promise((resolve, reject) => {
      const child = spawn(location.command, ['lsp'], { stdio: 'pipe' });
      child.once('error', reject);
      // writing to a server that already exited fails with EPIPE; its exit is reported below
      child.stdin.on('error', (err) => output?.appendLine(`crosswire: writing to the server failed: ${err.message}`));
      child.stderr.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        output?.append(text);
        died.stderr.push(...text.split('\n').filter((line) => line.trim() !== ''));
        died.stderr = died.stderr.slice(-5);
      });
      child.once('exit', (code) => {
        died.code = code;
      });
      child.once('spawn', () => resolve(child));
    });
  let initialised = false;
  const explain = (): string => {
    const said = died.stderr[0] ? `: "${died.stderr[0]}"` : '';
    const exit = died.code !== null ? ` (exit code ${died.code})` : '';
    return `the language server (${location.command}) stopped${exit}${said}`;
  };

  const articles = config.get<string[]>('articles', []);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', language: 'markdown' },
      // saved web pages: the server reads the article in them and reports on the HTML's own lines
      { scheme: 'file', language: 'html' },
    ],
    initializationOptions: articles.length > 0 ? { articles } : {},
    outputChannel: output,
    traceOutputChannel: output,
    // A server that never initialised is not restarted five times: the user gets one message
    // that quotes the binary, instead of the client's own cascade of errors.
    initializationFailedHandler: () => false,
    errorHandler: {
      error: () => ({ action: initialised ? ErrorAction.Continue : ErrorAction.Shutdown, handled: !initialised }),
      closed: () =>
        initialised ? { action: CloseAction.Restart } : { action: CloseAction.DoNotRestart, handled: true },
    },
  };

  // The id makes the client read `crosswire.trace.server` by itself.
  const created = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = created;
  try {
    await created.start();
    initialised = true;
  } catch (err) {
    // wait a moment for the exit code and stderr of a binary that stopped at once
    await new Promise((r) => setTimeout(r, 200));
    const detail = died.code !== null || died.stderr.length > 0 ? explain() : err instanceof Error ? err.message : String(err);
    output?.appendLine(`crosswire: the server did not start: ${detail}`);
    void vscode.window
      .showErrorMessage(
        `crosswire: the language server did not start: ${detail}. Check the setting crosswire.server.path, or the crosswire output.`,
        OPEN_SETTINGS,
        SHOW_OUTPUT,
      )
      .then((choice) => {
        if (choice === OPEN_SETTINGS) {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'crosswire.server.path');
        } else if (choice === SHOW_OUTPUT) {
          output?.show(true);
        }
      });
  }
}

async function stopClient(): Promise<void> {
  const current = client;
  client = undefined;
  if (!current) return;
  const wasRunning = current.needsStop();
  try {
    // Also for a client whose start failed: disposing it stops its own restart attempts.
    await current.dispose(2000);
  } catch (err) {
    if (wasRunning) {
      output?.appendLine(`crosswire: stopping the server failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
