// A stand-in language server for testing the Neovim client module on its own (attach, root
// detection, init_options, settings, one server per root), without the crosswire server.
// Plain Node, no dependencies. It answers hover with what it was told at initialize, so the
// test can read it back. Every run appends a line to $FAKE_SERVER_LOG (if set).
'use strict';
const fs = require('fs');

let buffer = Buffer.alloc(0);
let init = null;
let settings = null;
const opened = [];

function send(msg) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

if (process.env.FAKE_SERVER_LOG) {
  fs.appendFileSync(process.env.FAKE_SERVER_LOG, `start ${process.argv.slice(2).join(' ')}\n`);
}

function handle(msg) {
  switch (msg.method) {
    case 'initialize':
      init = msg.params;
      if (process.env.FAKE_SERVER_LOG) {
        fs.appendFileSync(process.env.FAKE_SERVER_LOG, `initialize ${JSON.stringify({
          rootUri: init.rootUri, initializationOptions: init.initializationOptions ?? null, clientInfo: init.clientInfo ?? null,
        })}\n`);
      }
      send({ id: msg.id, result: { capabilities: { textDocumentSync: 1, hoverProvider: true }, serverInfo: { name: 'fake' } } });
      break;
    case 'workspace/didChangeConfiguration':
      settings = msg.params.settings;
      break;
    case 'textDocument/didOpen':
      opened.push(msg.params.textDocument.uri);
      send({
        method: 'textDocument/publishDiagnostics',
        params: {
          uri: msg.params.textDocument.uri,
          diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
            severity: 2, code: 'fake', source: 'crosswire', message: 'fake diagnostic' }],
        },
      });
      break;
    case 'textDocument/hover':
      send({ id: msg.id, result: { contents: { kind: 'plaintext', value: JSON.stringify({
        rootUri: init.rootUri, workspaceFolders: init.workspaceFolders,
        initializationOptions: init.initializationOptions ?? null, settings, opened, argv: process.argv.slice(2),
      }) } } });
      break;
    case 'shutdown':
      if (process.env.FAKE_SERVER_LOG) fs.appendFileSync(process.env.FAKE_SERVER_LOG, 'shutdown\n');
      send({ id: msg.id, result: null });
      break;
    case 'exit':
      process.exit(0);
      break;
    default:
      if (msg.id !== undefined && msg.method) send({ id: msg.id, error: { code: -32601, message: 'not supported' } });
  }
}

process.stdin.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const m = /Content-Length: *(\d+)/i.exec(buffer.slice(0, headerEnd).toString('ascii'));
    if (!m) { buffer = buffer.slice(headerEnd + 4); continue; }
    const len = Number(m[1]);
    if (buffer.length < headerEnd + 4 + len) return;
    const body = buffer.slice(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
    buffer = buffer.slice(headerEnd + 4 + len);
    handle(JSON.parse(body));
  }
});
process.stdin.on('end', () => process.exit(0));
