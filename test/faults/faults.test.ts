/**
 * Fault injection: a worker process (support/fault-worker.ts) repeats one kind of write (import,
 * index refresh, journal compaction, merge, stub filling) on a real library and is killed with
 * SIGKILL at a point drawn from a seeded schedule. After every kill the library is checked:
 * - no paper id is stored twice (raw LanceDB table, before any Facet open could repair it);
 * - every write the worker reported complete is present (papers, reading edits, merges, fills);
 * - after the next open, the reading journal has no torn line and the indexes are healthy.
 *
 * The short version (one kill per kind) runs with the other test suites. `npm run test:faults`
 * runs the long one (FACET_FAULTS=long: FACET_FAULT_KILLS kills per kind, default 8) and writes
 * its figures to bench/results/faults.md. FACET_FAULT_SEED changes the schedule (default 12).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src-main/core/data-dir.ts';
import { paperIdFor } from '../../src-main/core/import/index.ts';
import { JOURNAL_FILE, READING_DIR, openReadingStore } from '../../src-main/core/reading/index.ts';
import { openFacet } from '../../src-main/core/service.ts';
import { describeIndexHealth } from '../../src-main/core/store/index-health.ts';
import { seededRandom } from '../../src-main/core/util/seeded-random.ts';
import type { ArxivEntry } from '../fixtures/library/metadata-server.ts';
import { rawIndexHealth, rawTableCounts, writeJsonlLibrary } from '../integration/support/concurrency-fixtures.ts';
import { realModelDir } from '../unit/embed/model-fixture.ts';

const root = repoRoot();
const LONG = process.env.FACET_FAULTS === 'long';
const KILLS = Number(process.env.FACET_FAULT_KILLS ?? (LONG ? 8 : 1));
const SEED = Number(process.env.FACET_FAULT_SEED ?? 12);
const random = seededRandom(SEED);
const model = realModelDir();
const worker = path.join(root, 'test', 'faults', 'support', 'fault-worker.ts');

interface Figures {
  kind: string;
  runs: number;
  kills: number;
  /** Writes reported complete by a killed worker but missing afterwards. */
  losses: number;
  duplicateIds: number;
  tornLinesAfterOpen: number;
  unhealthyAfterOpen: number;
  /** Torn journal lines found before the next open (a kill mid-append; the open drops them). */
  tornLinesBeforeOpen: number;
  leftoverTempFiles: number;
}
const figures: Figures[] = [];
const KINDS = 5;

function figuresFor(kind: string): Figures {
  const entry: Figures = { kind, runs: 0, kills: 0, losses: 0, duplicateIds: 0, tornLinesAfterOpen: 0, unhealthyAfterOpen: 0, tornLinesBeforeOpen: 0, leftoverTempFiles: 0 };
  figures.push(entry);
  return entry;
}

type WorkerEvent = { event: string } & Record<string, unknown>;

interface WorkerRun {
  events: WorkerEvent[];
  killed: boolean;
  code: number | null;
  stderr: string;
}

/**
 * Runs the worker; once an event matching `killAfter` arrives, waits `delayMs` and kills it.
 * A worker that finishes first is not killed (`killed: false`).
 */
function runWorker(args: string[], killAfter: ((event: WorkerEvent) => boolean) | null, delayMs: number): Promise<WorkerRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], { cwd: root, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const events: WorkerEvent[] = [];
    let buffer = '';
    let stderr = '';
    let armed = false;
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += String(chunk);
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        // Only whole lines count: the kill may cut the last one, which then reported nothing.
        const event = JSON.parse(line) as WorkerEvent;
        events.push(event);
        if (!armed && killAfter && killAfter(event)) {
          armed = true;
          setTimeout(() => {
            if (child.exitCode === null) {
              killed = true;
              child.kill('SIGKILL');
            }
          }, delayMs);
        }
      }
    });
    child.on('close', (code) => resolve({ events, killed, code, stderr }));
  });
}

/** Lines of the reading journal that are not whole JSON lines. */
function tornJournalLines(dataDir: string): number {
  const file = path.join(dataDir, READING_DIR, JOURNAL_FILE);
  if (!fs.existsSync(file)) return 0;
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  let torn = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  for (const line of lines.slice(0, -1)) {
    try {
      JSON.parse(line);
    } catch {
      torn++;
    }
  }
  return torn;
}

function tempFiles(dataDir: string): number {
  const dir = path.join(dataDir, READING_DIR);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.includes('.tmp-')).length : 0;
}

/** What every kill is followed by: raw duplicate check, the next open, then journal and index checks. */
async function checkAfterKill(dataDir: string, entry: Figures, withCore: boolean): Promise<void> {
  const raw = await rawTableCounts(dataDir);
  entry.duplicateIds += raw.duplicateIds;
  entry.tornLinesBeforeOpen += tornJournalLines(dataDir);
  if (withCore) {
    const core = await openFacet({ dataDir });
    await core.idle();
    await core.close();
  } else {
    openReadingStore(dataDir, { onWarning: () => undefined }).close();
  }
  entry.tornLinesAfterOpen += tornJournalLines(dataDir);
  entry.leftoverTempFiles = tempFiles(dataDir);
  const health = await rawIndexHealth(dataDir);
  if (withCore && health !== null && !health.healthy) {
    entry.unhealthyAfterOpen++;
    console.error(`faults: unhealthy indexes after open in ${dataDir}: ${describeIndexHealth(health)}`);
  }
  expect(raw.duplicateIds).toBe(0);
  expect(entry.tornLinesAfterOpen).toBe(0);
  expect(entry.unhealthyAfterOpen).toBe(0);
}

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-faults-'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  for (const entry of figures) console.log(`faults: ${JSON.stringify(entry)}`);
  // Only a run of every kind makes the report (a run filtered to one test leaves it alone).
  if ((LONG || process.env.FACET_FAULTS_REPORT === '1') && figures.length === KINDS) writeReport();
});

const CHUNKS = LONG ? 8 : 4;
const CHUNK_SIZE = 300;

/** chunk-0.jsonl … in `dir`, CHUNK_SIZE distinct papers each. */
function writeChunks(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let k = 0; k < CHUNKS; k++) writeJsonlLibrary(path.join(dir, `chunk-${k}.jsonl`), k * CHUNK_SIZE, CHUNK_SIZE);
}

describe.skipIf(model.dir === null)(`kill -9 at seeded points (seed ${SEED}, ${KILLS} kill(s) per kind)${model.dir === null ? ` (skipped: ${model.reason})` : ''}`, () => {
  for (const kind of ['import', 'index refresh'] as const) {
    it(`${kind}: completed imports survive, no id twice, indexes healthy after the next open`, async () => {
      const entry = figuresFor(kind);
      const dataDir = path.join(tmp, kind.replace(' ', '-'));
      const chunkDir = path.join(tmp, `${kind.replace(' ', '-')}-chunks`);
      writeChunks(chunkDir);
      const completed = new Set<string>();
      for (let kill = 0; kill < KILLS; kill++) {
        // import: anywhere in the run; index refresh: within 1.5 s of an index phase starting.
        const run =
          kind === 'import'
            ? await runWorker(['import', dataDir, chunkDir], (event) => event.event === 'ready', Math.round(random() * 6_000))
            : await runWorker(['import', dataDir, chunkDir], (event) => event.event === 'index', Math.round(random() * 1_500));
        entry.runs++;
        if (run.killed) entry.kills++;
        for (const event of run.events) if (event.event === 'imported') for (const id of event.ids as string[]) completed.add(id);
        await checkAfterKill(dataDir, entry, true);
        const stored = (await rawTableCounts(dataDir)).ids;
        const lost = [...completed].filter((id) => !stored.has(id));
        entry.losses += lost.length;
        expect(lost).toEqual([]);
      }
      // An unkilled run completes the library: every paper exactly once.
      const final = await runWorker(['import', dataDir, chunkDir], null, 0);
      entry.runs++;
      expect(final.code, final.stderr).toBe(0);
      expect(await rawTableCounts(dataDir)).toMatchObject({ rows: CHUNKS * CHUNK_SIZE, duplicateIds: 0 });
      expect((await rawIndexHealth(dataDir))!.healthy).toBe(true);
    }, 900_000);
  }

  it('journal compaction: every completed edit present, no torn line after the next open', async () => {
    const entry = figuresFor('journal compaction');
    const dataDir = path.join(tmp, 'compaction');
    const ids = Array.from({ length: 3_000 }, (_, i) => `paper-${i}`);
    const idsFile = path.join(tmp, 'compaction-ids.json');
    fs.writeFileSync(idsFile, JSON.stringify(ids));
    // A journal of 3,000 papers makes each compaction long enough to be hit.
    const seed = openReadingStore(dataDir);
    seed.setMany(ids, { status: 'to-read', note: 'seeded before the kills' });
    seed.close();
    for (let kill = 0; kill < KILLS; kill++) {
      const run = await runWorker(['compact', dataDir, idsFile], (event) => event.event === 'ready', 200 + Math.round(random() * 3_000));
      entry.runs++;
      if (run.killed) entry.kills++;
      const lastEdit = new Map<string, WorkerEvent>();
      for (const event of run.events) if (event.event === 'edit') lastEdit.set(event.id as string, event);
      await checkAfterKill(dataDir, entry, false);
      const store = openReadingStore(dataDir, { onWarning: () => undefined });
      const missing = [...lastEdit.values()].filter((edit) => {
        const state = store.get(edit.id as string);
        return !state || state.rating !== edit.rating || !state.tags.includes(edit.tag as string) || state.status !== 'to-read';
      });
      const seededLost = ids.filter((id) => store.get(id)?.status !== 'to-read').length;
      store.close();
      entry.losses += missing.length + seededLost;
      expect(lastEdit.size).toBeGreaterThan(0);
      expect(missing).toEqual([]);
      expect(seededLost).toBe(0);
    }
  }, 900_000);

  it('merge: completed merges are whole, no paper or reading state lost mid-merge', async () => {
    const entry = figuresFor('merge');
    const dataDir = path.join(tmp, 'merge');
    const PAIRS = LONG ? 120 : 60;
    const records: object[] = [];
    const pairs: [string, string][] = [];
    for (let i = 0; i < PAIRS; i++) {
      const title = `Merge study ${i} of contrastive retrieval`;
      const a = { title, abstract: `We study contrastive retrieval, case ${i}.`, arxivId: `2402.${String(i).padStart(5, '0')}` };
      const b = { title: `${title}: extended version`, abstract: `We study contrastive retrieval at length, case ${i}.`, doi: `10.5555/merge.${i}` };
      records.push(a, b);
      pairs.push([paperIdFor({ arxivId: a.arxivId, doi: null, title: a.title }), paperIdFor({ arxivId: null, doi: b.doi, title: b.title })]);
    }
    const core = await openFacet({ dataDir });
    const summary = await core.handlers['import.run']({ sources: [{ kind: 'text', name: 'pairs.jsonl', text: records.map((r) => JSON.stringify(r)).join('\n') }] });
    expect(summary.added).toBe(2 * PAIRS);
    for (const [i, [, drop]] of pairs.entries()) await core.handlers['reading.set']({ id: drop, patch: { rating: 3, tags: [`from-b-${i}`] } });
    await core.close();
    const pairsFile = path.join(tmp, 'pairs.json');
    fs.writeFileSync(pairsFile, JSON.stringify(pairs));

    const merged = new Set<string>();
    for (let kill = 0; kill < KILLS; kill++) {
      const run = await runWorker(['merge', dataDir, pairsFile], (event) => event.event === 'ready', Math.round(random() * 8_000));
      entry.runs++;
      if (run.killed) entry.kills++;
      for (const event of run.events) if (event.event === 'merged') merged.add(event.drop as string);
      await checkAfterKill(dataDir, entry, true);
      const stored = (await rawTableCounts(dataDir)).ids;
      const store = openReadingStore(dataDir, { onWarning: () => undefined });
      let lost = 0;
      for (const [i, [keep, drop]] of pairs.entries()) {
        const tag = `from-b-${i}`;
        if (!stored.has(keep)) lost++;
        if (merged.has(drop) && stored.has(drop)) lost++;
        // The dropped paper's reading state is on one of the two, whatever the kill interrupted.
        const onKeep = store.get(keep)?.tags.includes(tag) ?? false;
        const onDrop = stored.has(drop) && (store.get(drop)?.tags.includes(tag) ?? false);
        if (!onKeep && !onDrop) lost++;
      }
      store.close();
      entry.losses += lost;
      expect(lost).toBe(0);
    }
  }, 900_000);

  it('stub filling: every stub kept in place with its reading state, filled or still pending', async () => {
    const entry = figuresFor('stub filling');
    const dataDir = path.join(tmp, 'stubs');
    const STUBS = LONG ? 240 : 60;
    const entries: ArxivEntry[] = Array.from({ length: STUBS }, (_, i) => ({
      id: `2403.${String(i).padStart(5, '0')}v1`,
      title: `Stub study ${i} of graph attention`,
      summary: `We fill stub ${i} with an abstract about graph attention networks and node classification.`,
      authors: ['A. Writer'],
      published: '2024-03-01T00:00:00Z',
    }));
    const core = await openFacet({ dataDir });
    const imported = await core.handlers['library.import']({ source: { kind: 'identifiers', name: 'ids.txt', text: entries.map((e) => `arXiv:${e.id}`).join('\n') } });
    expect(imported.pending).toBe(STUBS);
    const ids = (await core.handlers['papers.list']({ offset: 0, limit: 1_000, sort: 'imported' })).items.map((item) => item.id);
    expect(ids).toHaveLength(STUBS);
    for (const [i, id] of ids.entries()) await core.handlers['reading.set']({ id, patch: { tags: [`stub-${i}`] } });
    const tags = new Map(await Promise.all(ids.map(async (id) => [id, (await core.handlers['reading.get']({ id }))!.tags[0]!] as const)));
    await core.close();
    const entriesFile = path.join(tmp, 'entries.json');
    fs.writeFileSync(entriesFile, JSON.stringify(entries));

    for (let kill = 0; kill < KILLS; kill++) {
      // Within 2 s of the first batch filled: the next batches are being fetched, embedded and stored.
      const run = await runWorker(['stubs', dataDir, entriesFile], (event) => event.event === 'filled', Math.round(random() * 2_000));
      entry.runs++;
      if (run.killed) entry.kills++;
      await checkAfterKill(dataDir, entry, true);
      const raw = await rawTableCounts(dataDir);
      const store = openReadingStore(dataDir, { onWarning: () => undefined });
      const lost = ids.filter((id) => !raw.ids.has(id) || !(store.get(id)?.tags.includes(tags.get(id)!) ?? false)).length;
      store.close();
      entry.losses += lost + Math.max(0, raw.rows - STUBS);
      expect(lost).toBe(0);
      expect(raw.rows).toBe(STUBS);
    }
    // An unkilled run fills what is left, in place: still one row per stub.
    const final = await runWorker(['stubs', dataDir, entriesFile], null, 0);
    entry.runs++;
    expect(final.code, final.stderr).toBe(0);
    const check = await openFacet({ dataDir });
    const papers = (await check.handlers['papers.list']({ offset: 0, limit: 1_000, sort: 'imported' })).items;
    await check.close();
    expect(papers.map((paper) => paper.id).sort()).toEqual([...ids].sort());
    expect(papers.every((paper) => paper.title.startsWith('Stub study'))).toBe(true);
  }, 900_000);
});

function writeReport(): void {
  const total = (key: keyof Omit<Figures, 'kind'>) => figures.reduce((sum, entry) => sum + entry[key], 0);
  const rows = figures.map(
    (f) => `| ${f.kind} | ${f.runs} | ${f.kills} | ${f.losses} | ${f.duplicateIds} | ${f.tornLinesBeforeOpen} / ${f.tornLinesAfterOpen} | ${f.unhealthyAfterOpen} | ${f.leftoverTempFiles} |`,
  );
  const text = `## Fault injection (kill -9)

\`npm run test:faults\` (test/faults/faults.test.ts): a worker process repeats one kind of write on a
real library (committed model, LanceDB) and is killed with SIGKILL at a point drawn from a seeded
schedule (seed ${SEED}, ${KILLS} kill(s) per kind); after every kill the raw table is checked for
duplicate ids, the library is opened again, and the journal and indexes are checked.
Machine: ${os.cpus().length} CPU(s), ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.

| kind | runs | kills | losses | duplicate ids | torn journal lines (before / after next open) | unhealthy indexes after open | leftover journal temp files |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}
| **all** | ${total('runs')} | ${total('kills')} | ${total('losses')} | ${total('duplicateIds')} | ${total('tornLinesBeforeOpen')} / ${total('tornLinesAfterOpen')} | ${total('unhealthyAfterOpen')} | ${total('leftoverTempFiles')} |

"losses": writes the worker had reported complete (papers of finished imports, reading edits,
finished merges, stubs and their reading state) that were missing after the kill. A run that
finished before its kill time counts as a run, not a kill.
`;
  const file = path.join(root, 'bench', 'results', 'faults.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
