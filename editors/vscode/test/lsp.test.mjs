// Drives `crosswire lsp` through vscode-languageserver-protocol, the protocol layer of VS Code's own client:
// initialize on a copy of the seeds, diagnostics with related information, hover, definition, shutdown.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  HoverRequest,
  DefinitionRequest,
  ShutdownRequest,
  ExitNotification,
  RegistrationRequest,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  ConfigurationRequest,
  ShowMessageRequest,
  LogMessageNotification,
  ShowMessageNotification,
} from 'vscode-languageserver-protocol/node.js';
import {
  SEED_CONFLICT,
  SEED_RELATED,
  copySeeds,
  fileUri,
  hoverText,
  locations,
  positionOf,
  serverBinary,
  textOfRange,
  uriBase,
} from './helpers.mjs';

// When the server dies, vscode-jsonrpc rejects a write promise nobody holds (EPIPE); the failing test
// already says the server exited, so keep that noise out of the report.
process.on('unhandledRejection', (err) => {
  if (err && err.code === 'EPIPE') return;
  throw err;
});

const DIAGNOSTICS_TIMEOUT_MS = Number(process.env.CROSSWIRE_TEST_TIMEOUT_MS || 60000);

describe('crosswire lsp through vscode-languageserver-protocol', () => {
  const bin = serverBinary();
  let workspace;
  let proc;
  let connection;
  let stderr = '';
  let exited = null; // {code, signal} once the process is gone
  const exitWaiters = [];
  const log = [];
  const diagnostics = new Map(); // base name -> latest PublishDiagnosticsParams
  const diagnosticWaiters = [];

  function serverState() {
    const tail = (s) => s.split('\n').slice(-15).join('\n');
    return `server: ${bin}\n` +
      (exited ? `server exited (code ${exited.code}, signal ${exited.signal})\n` : '') +
      (stderr ? `server stderr (tail):\n${tail(stderr)}\n` : '') +
      (log.length ? `server log (tail):\n${log.slice(-10).join('\n')}\n` : '');
  }

  /** Resolves with the first diagnostics for `name` that satisfy `predicate`, or rejects on timeout/exit. */
  function waitForDiagnostics(name, predicate, timeoutMs) {
    const current = diagnostics.get(name);
    if (current && predicate(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const waiter = { name, predicate, resolve, reject };
      waiter.timer = setTimeout(() => {
        diagnosticWaiters.splice(diagnosticWaiters.indexOf(waiter), 1);
        const seen = [...diagnostics.entries()]
          .map(([n, p]) => `  ${n}: ${p.diagnostics.map((d) => `[${d.code}] ${d.message}`).join(' | ') || '(none)'}`)
          .join('\n');
        reject(new Error(`timed out after ${timeoutMs} ms waiting for diagnostics on ${name}\n` +
          `diagnostics received:\n${seen || '  (none at all)'}\n${serverState()}`));
      }, timeoutMs);
      diagnosticWaiters.push(waiter);
    });
  }

  function failWaiters(reason) {
    for (const w of diagnosticWaiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new Error(`${reason}\n${serverState()}`));
    }
  }

  before(async () => {
    assert.ok(fs.existsSync(bin), `server binary not found: ${bin} (set CROSSWIRE_BIN or run cargo build)`);
    workspace = copySeeds();
    proc = spawn(bin, ['lsp'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (d) => { stderr += d; });
    proc.on('exit', (code, signal) => {
      exited = { code, signal };
      for (const w of exitWaiters.splice(0)) w(exited);
      failWaiters('the server exited');
    });
    proc.on('error', (err) => { stderr += `spawn error: ${err.message}\n`; });

    connection = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    // Answer what a real client answers, so the server never waits on us.
    connection.onRequest(RegistrationRequest.type, () => null);
    connection.onRequest(UnregistrationRequest.type, () => null);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => null));
    connection.onRequest(ShowMessageRequest.type, () => null);
    connection.onNotification(LogMessageNotification.type, (p) => log.push(`log: ${p.message}`));
    connection.onNotification(ShowMessageNotification.type, (p) => log.push(`showMessage: ${p.message}`));
    connection.onNotification('$/progress', () => {});
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const name = uriBase(params.uri);
      diagnostics.set(name, params);
      for (const w of [...diagnosticWaiters]) {
        if (w.name === name && w.predicate(params)) {
          clearTimeout(w.timer);
          diagnosticWaiters.splice(diagnosticWaiters.indexOf(w), 1);
          w.resolve(params);
        }
      }
    });
    connection.onError(([err]) => log.push(`connection error: ${err?.message}`));
    connection.listen();

    const initialize = connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'crosswire-node-test', version: '0' },
      rootUri: fileUri(workspace),
      workspaceFolders: [{ uri: fileUri(workspace), name: 'seeds' }],
      initializationOptions: {},
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        window: { workDoneProgress: true, showMessage: {} },
        workspace: {
          workspaceFolders: true,
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
          didChangeConfiguration: { dynamicRegistration: true },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          definition: { linkSupport: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
        },
      },
    });
    const exitedEarly = new Promise((_, reject) => exitWaiters.push(() =>
      reject(new Error(`the server exited before answering initialize\n${serverState()}`))));
    exitedEarly.catch(() => {});
    initialize.catch(() => {});
    let result;
    try {
      result = await Promise.race([initialize, exitedEarly]);
    } catch (err) {
      await new Promise((r) => setTimeout(r, 300)); // let stderr and the exit status arrive
      throw new Error(`initialize failed: ${err.message}\n${serverState()}`);
    }
    assert.ok(result && result.capabilities, 'initialize returned no capabilities');
    connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    if (connection) connection.dispose();
    if (proc && !exited) proc.kill('SIGKILL');
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  const conflictPath = () => path.join(workspace, SEED_CONFLICT);
  const conflictUri = () => fileUri(conflictPath());
  const conflictText = () => fs.readFileSync(conflictPath(), 'utf8');

  it('opens the 002 seed', async () => {
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: conflictUri(), languageId: 'plaintext', version: 1, text: conflictText() },
    });
  });

  it('publishes the 275,000 conflict with related information into 001 and 004', async () => {
    const text = conflictText();
    const isConflict = (d) =>
      d.code === 'figure-conflict' && (textOfRange(text, d.range).includes('275,000') || d.message.includes('275,000'));
    const params = await waitForDiagnostics(SEED_CONFLICT, (p) => p.diagnostics.some(isConflict), DIAGNOSTICS_TIMEOUT_MS);
    const d = params.diagnostics.find(isConflict);
    assert.equal(d.source, 'crosswire', 'source of the diagnostic');
    assert.equal(d.severity, 2, `severity should be Warning (2), got ${d.severity}`);
    assert.match(textOfRange(text, d.range), /275,000/, 'the range covers the figure');
    assert.ok(Array.isArray(d.relatedInformation) && d.relatedInformation.length > 0, 'relatedInformation present');
    const related = new Set(d.relatedInformation.map((r) => uriBase(r.location.uri)));
    for (const name of SEED_RELATED) {
      assert.ok(related.has(name), `relatedInformation points into ${name}; got ${[...related].join(', ')}`);
    }
    for (const r of d.relatedInformation) {
      if (!SEED_RELATED.includes(uriBase(r.location.uri))) continue;
      const other = fs.readFileSync(path.join(workspace, uriBase(r.location.uri)), 'utf8');
      assert.match(textOfRange(other, r.location.range), /250,000/, `related range in ${uriBase(r.location.uri)} covers 250,000`);
    }
  });

  it('answers a hover on an actor (Lavrov) in Markdown', async () => {
    const pos = positionOf(conflictText(), 'Lavrov');
    pos.character += 2; // inside the word
    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: conflictUri() }, position: pos });
    const text = hoverText(hover);
    assert.ok(hover, 'a hover is returned on "Lavrov"');
    assert.match(text, /Lavrov/, `hover mentions Lavrov; got: ${text.slice(0, 300)}`);
    assert.equal(hover.contents.kind, 'markdown', 'Markdown, as the client offered');
    // What the seeds say about him: his role, with the outlet that gives it.
    assert.match(text, /Foreign Minister/, `hover gives his role; got: ${text.slice(0, 300)}`);
    assert.match(text, /USPA News/, `hover names the outlet of this article; got: ${text.slice(0, 300)}`);
  });

  it('answers nothing on an ordinary word', async () => {
    const pos = positionOf(conflictText(), 'painstakingly');
    const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: conflictUri() }, position: pos });
    assert.equal(hoverText(hover).trim(), '', `no hover on an ordinary word; got: ${hoverText(hover).slice(0, 200)}`);
  });

  it('goes to the definition of an actor in other outlets', async () => {
    const pos = positionOf(conflictText(), 'Lavrov', 1); // "negotiations with Lavrov", a surname-only mention
    pos.character += 1;
    const result = await connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: conflictUri() }, position: pos });
    const locs = locations(result);
    assert.ok(locs.length > 0, 'definition returns locations');
    const names = locs.map((l) => uriBase(l.uri));
    assert.equal(names[0], SEED_CONFLICT, `the current article comes first; got ${names.join(', ')}`);
    const others = locs.filter((l) => uriBase(l.uri) !== SEED_CONFLICT);
    assert.ok(others.length > 0, `a location in another article; got ${names.join(', ')}`);
    // Every other outlet that names him introduces him: 000, 003 and 004.
    for (const prefix of ['000_', '003_', '004_']) {
      assert.ok(names.some((n) => n.startsWith(prefix)), `an introduction in ${prefix}*; got ${names.join(', ')}`);
    }
    for (const l of others) {
      const other = fs.readFileSync(path.join(workspace, uriBase(l.uri)), 'utf8');
      assert.match(textOfRange(other, l.range), /Lavrov|Sergey|Sergei/, `the location in ${uriBase(l.uri)} names Lavrov`);
    }
  });

  it('shuts down and exits promptly', async () => {
    await connection.sendRequest(ShutdownRequest.type);
    const done = exited ? Promise.resolve(exited) : new Promise((resolve) => exitWaiters.push(resolve));
    await connection.sendNotification(ExitNotification.type);
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('the server did not exit within 5 s after exit')), 5000));
    const status = await Promise.race([done, timeout]);
    assert.equal(status.code, 0, `exit code after shutdown + exit; ${serverState()}`);
  });
});
