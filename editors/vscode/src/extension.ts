// The crosswire extension: starts `crosswire lsp` and passes settings. All behaviour lives in the server.

import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { missingMessage, resolveServer } from './serverPath';

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
    { dispose: () => void stopClient() },
  );

  await enqueue(() => startClient(context));
}

export async function deactivate(): Promise<void> {
  await stopClient();
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
  const location = resolveServer({
    setting: config.get<string>('server.path', ''),
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

  output?.appendLine(`crosswire: starting ${location.command} lsp (from ${location.origin})`);
  const serverOptions: ServerOptions = {
    run: { command: location.command, args: ['lsp'] },
    debug: { command: location.command, args: ['lsp'] },
  };

  const articles = config.get<string[]>('articles', []);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', language: 'markdown' },
    ],
    initializationOptions: articles.length > 0 ? { articles } : {},
    outputChannel: output,
    traceOutputChannel: output,
  };

  // The id makes the client read `crosswire.trace.server` by itself.
  const created = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = created;
  try {
    await created.start();
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    output?.appendLine(`crosswire: the server did not start: ${detail}`);
    void vscode.window
      .showErrorMessage(
        `crosswire: the language server (${location.command}) did not start: ${detail}. Check the crosswire output, or the setting crosswire.server.path.`,
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
