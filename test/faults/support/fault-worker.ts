/**
 * The process the fault suite kills. It opens a library once and repeats one kind of write,
 * printing one JSON line on stdout when the work is ready to be killed and after every step that
 * completed (so the suite knows exactly which writes a kill may not lose):
 *
 *   import <dataDir> <chunkDir>    imports chunk-*.jsonl in order     {"event":"imported","chunk":k,"ids":[…]}
 *                                  (also {"event":"index"} when an import's index phase starts)
 *   compact <dataDir> <idsFile>    one reading edit then a journal     {"event":"edit","id":…,"rating":r,"tag":t}
 *                                  compaction, over and over
 *   merge <dataDir> <pairsFile>    library.merge of each pair           {"event":"merged","keep":…,"drop":…}
 *   stubs <dataDir> <entriesFile>  library.resolvePending, 5 at a time   {"event":"filled","count":n}
 *                                  against a metadata server on 127.0.0.1
 *
 * Run with tsx: node --import tsx test/faults/support/fault-worker.ts <op> …
 */
import fs from 'node:fs';
import path from 'node:path';
import { openFacet } from '../../../src-main/core/service.ts';
import { openReadingStore } from '../../../src-main/core/reading/index.ts';
import { arxivAnswer, startMetadataServer, type ArxivEntry } from '../../fixtures/library/metadata-server.ts';

const [op, dataDir, input] = process.argv.slice(2) as [string, string, string];
const say = (value: object) => process.stdout.write(`${JSON.stringify(value)}\n`);

async function importChunks(): Promise<void> {
  const core = await openFacet({ dataDir });
  core.events.on('import.onDidProgress', (progress) => {
    if (progress.phase === 'index') say({ event: 'index' });
  });
  await core.idle();
  say({ event: 'ready' });
  const chunks = fs.readdirSync(input).filter((name) => /^chunk-\d+\.jsonl$/.test(name)).sort();
  for (const [k, name] of chunks.entries()) {
    const text = fs.readFileSync(path.join(input, name), 'utf8');
    const summary = await core.handlers['import.run']({ sources: [{ kind: 'text', name, text }] });
    say({ event: 'imported', chunk: k, ids: summary.paperIds });
  }
  await core.close();
}

function compactLoop(): void {
  const ids = JSON.parse(fs.readFileSync(input, 'utf8')) as string[];
  const store = openReadingStore(dataDir);
  say({ event: 'ready' });
  for (let step = 0; ; step++) {
    const id = ids[step % ids.length]!;
    const rating = (step % 5) + 1;
    const tag = `step-${process.pid}-${step}`;
    store.set(id, { rating, tags: [tag] });
    say({ event: 'edit', id, rating, tag });
    store.compact();
  }
}

async function mergePairs(): Promise<void> {
  const pairs = JSON.parse(fs.readFileSync(input, 'utf8')) as [string, string][];
  const core = await openFacet({ dataDir });
  await core.idle();
  say({ event: 'ready' });
  for (const [keep, drop] of pairs) {
    const [a, b] = await Promise.all([core.handlers['papers.get']({ id: keep }).catch(() => null), core.handlers['papers.get']({ id: drop }).catch(() => null)]);
    if (!a || !b) continue;
    await core.handlers['library.merge']({ a: keep, b: drop, keep: 'a' });
    say({ event: 'merged', keep, drop });
  }
  await core.close();
}

async function fillStubs(): Promise<void> {
  const entries = JSON.parse(fs.readFileSync(input, 'utf8')) as ArxivEntry[];
  const server = await startMetadataServer(arxivAnswer(entries));
  const core = await openFacet({
    dataDir,
    metadataFetch: { arxivApiUrl: server.arxivApiUrl, crossrefApiUrl: server.crossrefApiUrl, arxivIntervalMs: 0, crossrefIntervalMs: 0, backoffMs: 10, maxRetries: 1 },
  });
  await core.handlers['settings.set']({ allowNetwork: true });
  await core.idle();
  say({ event: 'ready' });
  for (;;) {
    const summary = await core.handlers['library.resolvePending']({ limit: 5 });
    if (summary.stubs === 0) break;
    say({ event: 'filled', count: summary.filled });
  }
  await core.close();
  await server.close();
}

switch (op) {
  case 'import':
    await importChunks();
    break;
  case 'compact':
    compactLoop();
    break;
  case 'merge':
    await mergePairs();
    break;
  case 'stubs':
    await fillStubs();
    break;
  default:
    throw new Error(`unknown fault-worker op ${JSON.stringify(op)}`);
}
say({ event: 'finished' });
