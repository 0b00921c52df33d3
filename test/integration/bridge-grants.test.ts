/**
 * The browser-mode bridge with the real core (committed model, LanceDB in a temp folder), probed
 * over a real WebSocket: a page that names a path, or a grant nobody issued, can neither write nor
 * read a file; uploads and downloads carry the bytes; a folder the server granted imports.
 * Skips with a message where the model is absent.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openFacet, type FacetCore } from '../../src-main/core/service.ts';
import { startBridge, type Bridge } from '../../src-main/node/bridge/index.ts';
import { writePaperFolder } from '../fixtures/library/paper-folder.ts';
import { realModelDir } from '../unit/embed/model-fixture.ts';

const model = realModelDir();

interface Reply {
  id: number;
  result?: unknown;
  error?: { code: string; message: string };
}

/** One socket to the bridge; `call` sends a request and resolves with its reply. */
async function connect(bridge: Bridge): Promise<{ call(method: string, args: unknown): Promise<Reply>; close(): void }> {
  const ws = new WebSocket(bridge.socketUrl, { headers: { Origin: bridge.origin } });
  const waiting = new Map<number, (reply: Reply) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Reply & { event?: string };
    if (message.event === undefined) waiting.get(message.id)?.(message);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 1;
  return {
    call(method, args) {
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, method, args }));
      });
    },
    close: () => ws.close(),
  };
}

const BIB = `@article{ostendorff2022,
  title = {Specialized Document Embeddings for Aspect-based Similarity of Research Papers},
  author = {Ostendorff, Malte and Blume, Till and Ruas, Terry},
  year = {2022},
  abstract = {We propose aspect-based document embeddings: one embedding per aspect, task, method and dataset.}
}
`;

describe.skipIf(model.dir === null)(`bridge with grants and the real core${model.dir === null ? ` (skipped: ${model.reason})` : ''}`, () => {
  let tmp: string;
  let core: FacetCore;
  let bridge: Bridge;
  let client: Awaited<ReturnType<typeof connect>>;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-bridge-grants-'));
    core = await openFacet({ dataDir: path.join(tmp, 'data'), batchSize: 8 });
    bridge = await startBridge({ core, staticDir: null, logError: () => {} });
    client = await connect(bridge);
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await bridge?.close();
    await core?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const papers = async () => (await core.handlers['library.stats']({})).papers;

  it('refuses export.run with a path: no folder is created and no file overwritten', async () => {
    const existing = path.join(tmp, 'keep.txt');
    fs.writeFileSync(existing, 'mine');
    for (const target of [path.join(tmp, 'pwned', 'deep', 'evil.sh'), existing]) {
      const reply = await client.call('export.run', { format: 'bibtex', selection: { kind: 'reading' }, path: target });
      expect(reply.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^export\.run: /) });
    }
    expect(fs.existsSync(path.join(tmp, 'pwned'))).toBe(false);
    expect(fs.readFileSync(existing, 'utf8')).toBe('mine');
    const forged = await client.call('export.run', { format: 'bibtex', selection: { kind: 'reading' }, saveTo: { grant: randomBytes(32).toString('base64url') } });
    expect(forged.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('unknown or expired grant') });
  });

  it('refuses import.run of a file by path or by a made-up grant; nothing is stored', async () => {
    const byPath = await client.call('import.run', { sources: [{ kind: 'file', path: '/etc/passwd' }] });
    expect(byPath.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^import\.run: sources\.0/) });
    const byGrant = await client.call('import.run', { sources: [{ kind: 'grant', grant: randomBytes(32).toString('base64url') }] });
    expect(byGrant.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('unknown or expired grant') });
    expect(await papers()).toBe(0);
  });

  it('refuses library.import of a folder by path or by a made-up grant', async () => {
    const folder = path.join(tmp, 'not-granted');
    writePaperFolder(folder, 2);
    for (const source of [{ kind: 'pdf-folder', path: folder }, { kind: 'zotero', dataDir: folder }, { kind: 'identifiers-file', path: '/etc/hostname' }, { kind: 'pdf-folder', grant: randomBytes(32).toString('base64url') }]) {
      const reply = await client.call('library.import', { source });
      expect(reply.error, JSON.stringify(source)).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await papers()).toBe(0);
  });

  it('imports uploaded bytes and returns export bytes for a download', async () => {
    const imported = await client.call('import.run', { sources: [{ kind: 'text', name: 'refs.bib', text: BIB }] });
    expect(imported.error).toBeUndefined();
    expect(imported.result).toMatchObject({ added: 1, sources: ['refs.bib'] });
    const id = ((imported.result as { paperIds: string[] }).paperIds)[0]!;
    const exported = await client.call('export.run', { format: 'bibtex', selection: { kind: 'ids', ids: [id] } });
    expect(exported.result).toMatchObject({ count: 1, path: null, fileName: 'facet-papers.bib' });
    expect((exported.result as { text: string }).text).toContain('Specialized Document Embeddings for Aspect-based Similarity of Research Papers');
  }, 60_000);

  it('imports a folder the server granted, and lists that grant for the page', async () => {
    const folder = path.join(tmp, 'granted');
    writePaperFolder(folder, 3);
    const granted = bridge.grants.issue({ path: folder, kind: 'folder', access: 'read' });
    expect((await client.call('grants.list', {})).result).toEqual([granted]);
    const reply = await client.call('library.import', { source: { kind: 'pdf-folder', grant: granted.grant } });
    expect(reply.error).toBeUndefined();
    expect(reply.result).toMatchObject({ kind: 'pdf-folder', added: 3 });
    expect(await papers()).toBe(4);
    // A grant for reading a folder is no licence to write a file.
    const misuse = await client.call('export.run', { format: 'markdown', selection: { kind: 'reading' }, saveTo: { grant: granted.grant } });
    expect(misuse.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('not for writing a file') });
  }, 120_000);
});
