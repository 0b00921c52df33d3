// Child script for no-telemetry.test.ts: starts browser mode (serve.ts) as a subprocess, talks to
// its bridge over the WebSocket like the page would (an import of a BibTeX text, then a search),
// stops it with SIGTERM, and prints one JSON line with what came back. It runs under strace -f,
// so the server process and its embed worker are traced along with it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { repoRoot } from '../../../src-main/core/data-dir.ts';

const [dataDir, bibFile] = process.argv.slice(2);
if (!dataDir || !bibFile) throw new Error('usage: browser-mode-client.ts <dataDir> <file.bib>');
const root = repoRoot();

const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src-main', 'node', 'serve.ts'), '--data-dir', dataDir, '--port', '0'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));

const address = await new Promise<URL>((resolve, reject) => {
  let text = '';
  server.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    const found = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(text);
    if (found) resolve(new URL(found[1]!));
  });
  void exited.then((code) => reject(new Error(`serve.ts exited (${code}) before printing its address`)));
});
const token = address.hash.replace(/^#token=/, '');
const socket = new WebSocket(`ws://${address.host}/ws?token=${encodeURIComponent(token)}`, { headers: { Origin: address.origin } });
await new Promise<void>((resolve, reject) => {
  socket.once('open', () => resolve());
  socket.once('error', reject);
});

let nextId = 1;
function call(method: string, args: unknown): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id !== id) return;
      socket.off('message', onMessage);
      if (message.error) reject(new Error(`${method}: ${message.error.message}`));
      else resolve(message.result);
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ id, method, args }));
  });
}

const summary = (await call('import.run', { sources: [{ kind: 'text', name: path.basename(bibFile), text: fs.readFileSync(bibFile, 'utf8') }] })) as { added: number };
const hits = (await call('papers.search', { query: 'sentence embeddings', mode: 'hybrid', limit: 5 })) as unknown[];
socket.close();
server.kill('SIGTERM');
const code = await exited;
console.log(JSON.stringify({ added: summary.added, hits: hits.length, serverExit: code }));
