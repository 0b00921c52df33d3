/**
 * Two writers on one library, with the committed model and real processes: two `facet import`
 * runs of the same file and of overlapping files, and a CLI import while the browser-mode bridge
 * imports. Each run must end with every paper stored exactly once (checked on the raw LanceDB
 * table, before any Facet open could repair it), and both writers succeed (one of them waiting).
 * Also: a writer waits with a message naming the lock's owner, gives up with BUSY after the
 * limit, readers are not blocked, and rows duplicated by older versions are merged on open with
 * their reading state kept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../src-main/common/contract.ts';
import { openFacet } from '../../src-main/core/service.ts';
import { LIBRARY_DIR } from '../../src-main/core/service.ts';
import { LibraryLock } from '../../src-main/core/store/library-lock.ts';
import { startBridge } from '../../src-main/node/bridge/index.ts';
import { realModelDir } from '../unit/embed/model-fixture.ts';
import { duplicateRawRows, facet, rawTableCounts, startFacet, writeJsonlLibrary } from './support/concurrency-fixtures.ts';

const model = realModelDir();
const N = 1_500;

let tmp: string;
let fileA: string;
let fileB: string;
let fileOverlap: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-concurrency-'));
  fileA = path.join(tmp, 'a.jsonl');
  fileB = path.join(tmp, 'b.jsonl');
  fileOverlap = path.join(tmp, 'overlap.jsonl');
  writeJsonlLibrary(fileA, 0, N);
  writeJsonlLibrary(fileB, N, N);
  // Half of A's papers and half new ones.
  writeJsonlLibrary(fileOverlap, N / 2, N);
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const freshDataDir = (name: string) => path.join(tmp, name);
const summaryOf = (stdout: string) => JSON.parse(stdout) as ImportSummary;

describe.skipIf(model.dir === null)(`two writers on one library${model.dir === null ? ` (skipped: ${model.reason})` : ''}`, () => {
  it('two CLI imports of the same file store each paper once, and both exit 0', async () => {
    const dataDir = freshDataDir('same-file');
    const [first, second] = await Promise.all([
      facet(['import', fileA, '--data-dir', dataDir, '--json']),
      facet(['import', fileA, '--data-dir', dataDir, '--json']),
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const summaries = [summaryOf(first.stdout), summaryOf(second.stdout)];
    expect(summaries.map((s) => s.added).sort((a, b) => a - b)).toEqual([0, N]);
    expect(summaries.map((s) => s.duplicates).sort((a, b) => a - b)).toEqual([0, N]);
    for (const run of [first, second]) expect(run.stderr).not.toMatch(/lance|Retryable|commit conflict/i);
    const raw = await rawTableCounts(dataDir);
    expect(raw).toMatchObject({ rows: N, duplicateIds: 0 });
  }, 300_000);

  it('two CLI imports of overlapping files store the union exactly once', async () => {
    const dataDir = freshDataDir('two-files');
    const [first, second] = await Promise.all([
      facet(['import', fileA, '--data-dir', dataDir, '--json']),
      facet(['import', fileOverlap, '--data-dir', dataDir, '--json']),
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const [a, b] = [summaryOf(first.stdout), summaryOf(second.stdout)];
    // Whichever ran second found the shared half already stored.
    expect(a.added + b.added).toBe(N + N / 2);
    expect(a.duplicates + b.duplicates).toBe(N / 2);
    const raw = await rawTableCounts(dataDir);
    expect(raw).toMatchObject({ rows: N + N / 2, duplicateIds: 0 });
  }, 300_000);

  it('a CLI import while the bridge imports: both succeed, every paper once', async () => {
    const dataDir = freshDataDir('bridge');
    const core = await openFacet({ dataDir });
    const bridge = await startBridge({ core, staticDir: null });
    try {
      const ws = new WebSocket(bridge.socketUrl, { headers: { Origin: bridge.origin } });
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const replies: Record<string, unknown>[] = [];
      ws.on('message', (data) => replies.push(JSON.parse(String(data)) as Record<string, unknown>));
      const text = fs.readFileSync(fileA, 'utf8');
      const cli = startFacet(['import', fileOverlap, fileB, '--data-dir', dataDir, '--json']);
      ws.send(JSON.stringify({ id: 1, method: 'import.run', args: { sources: [{ kind: 'text', name: 'a.jsonl', text }] } }));
      const run = await cli.done;
      let reply: Record<string, unknown> | undefined;
      for (let i = 0; i < 1200 && !reply; i++) {
        reply = replies.find((message) => message.id === 1);
        if (!reply) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      ws.close();
      expect(reply, 'the bridge answered import.run').toBeDefined();
      expect(reply!.error, JSON.stringify(reply!.error)).toBeUndefined();
      expect(run.code, run.stderr).toBe(0);
      const bridgeSummary = reply!.result as ImportSummary;
      const cliSummary = summaryOf(run.stdout);
      // A (0..N), overlap (N/2..3N/2) and B (N..2N): 2N distinct papers.
      expect(bridgeSummary.added + cliSummary.added).toBe(2 * N);
      expect(run.stderr).not.toMatch(/lance|Retryable|commit conflict/i);
      const raw = await rawTableCounts(dataDir);
      expect(raw).toMatchObject({ rows: 2 * N, duplicateIds: 0 });
      // The bridge's own view agrees once the other process's commits are visible: the store
      // re-checks for them every couple of seconds, so a loaded machine may need a few tries.
      let seen = 0;
      for (let i = 0; i < 40 && seen !== 2 * N; i++) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 250));
        seen = (await core.handlers['library.stats']({})).papers;
      }
      expect(seen).toBe(2 * N);
    } finally {
      await bridge.close();
      await core.close();
    }
  }, 300_000);

  it('a writer waits while another holds the lock, saying who, and readers go on meanwhile', async () => {
    const dataDir = freshDataDir('waiting');
    const seeded = await facet(['import', fileB, '--data-dir', dataDir]);
    expect(seeded.code, seeded.stderr).toBe(0);
    const held = new LibraryLock(path.join(dataDir, LIBRARY_DIR)).tryAcquire('test holding the lock')!;
    expect(held).not.toBeNull();
    try {
      const writer = startFacet(['import', fileA, '--data-dir', dataDir, '--json']);
      await writer.stderrMatches(new RegExp(`the library is being updated by process ${process.pid} \\(test holding the lock`));
      // Readers do not wait for the writer lock.
      const stats = await facet(['stats', '--data-dir', dataDir, '--json']);
      expect(stats.code, stats.stderr).toBe(0);
      expect(JSON.parse(stats.stdout)).toMatchObject({ papers: N });
      const search = await facet(['search', 'contrastive retrieval', '--data-dir', dataDir, '--json']);
      expect(search.code, search.stderr).toBe(0);
      expect((JSON.parse(search.stdout) as unknown[]).length).toBeGreaterThan(0);
      held.release();
      const run = await writer.done;
      expect(run.code, run.stderr).toBe(0);
      expect(summaryOf(run.stdout)).toMatchObject({ added: N, duplicates: 0 });
    } finally {
      held.release();
    }
    expect(await rawTableCounts(dataDir)).toMatchObject({ rows: 2 * N, duplicateIds: 0 });
  }, 300_000);

  it('gives up after the wait limit with a clear BUSY message, storing nothing', async () => {
    const dataDir = freshDataDir('busy');
    const seeded = await facet(['import', fileB, '--data-dir', dataDir]);
    expect(seeded.code, seeded.stderr).toBe(0);
    const held = new LibraryLock(path.join(dataDir, LIBRARY_DIR)).tryAcquire('test holding the lock')!;
    try {
      const run = await facet(['import', fileA, '--data-dir', dataDir], { FACET_WRITER_WAIT_MS: '1500' });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`facet: the library is being updated by process ${process.pid} .*gave up after waiting \\d+ s\\. Try again when it has finished\\.`));
      expect(run.stderr).not.toMatch(/lance|\n\s+at /i);
    } finally {
      held.release();
    }
    expect(await rawTableCounts(dataDir)).toMatchObject({ rows: N, duplicateIds: 0 });
  }, 300_000);

  it('merges rows duplicated by an older version on open, keeping the reading state', async () => {
    const dataDir = freshDataDir('repair');
    const seeded = await facet(['import', fileB, '--data-dir', dataDir]);
    expect(seeded.code, seeded.stderr).toBe(0);
    const ids = [...(await rawTableCounts(dataDir)).ids].sort().slice(0, 300);
    const marked = await facet(['mark', ids[0]!, '--status', 'reading', '--rating', '4', '--tag', 'kept', '--data-dir', dataDir]);
    expect(marked.code, marked.stderr).toBe(0);
    await duplicateRawRows(dataDir, ids);
    expect(await rawTableCounts(dataDir)).toMatchObject({ rows: N + 300, duplicateIds: 300 });

    // Any open repairs it, a read-only command included.
    const stats = await facet(['stats', '--data-dir', dataDir, '--json']);
    expect(stats.code, stats.stderr).toBe(0);
    expect(stats.stderr).toContain('merged 300 duplicate rows of 300 papers');
    expect(await rawTableCounts(dataDir)).toMatchObject({ rows: N, duplicateIds: 0 });
    const list = await facet(['list', '--tag', 'kept', '--data-dir', dataDir, '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(ids[0]!);
    expect(list.stdout).toContain('"reading"');
  }, 300_000);
});
