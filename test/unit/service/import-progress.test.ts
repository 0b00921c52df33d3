/** import.run's progress events and summary rows: counts that move in every phase, one row per source, warnings only for stored records. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRequest, type EventPayloads } from '../../../src-main/common/contract.ts';
import { openFacet, type FacetCore } from '../../../src-main/core/service.ts';
import { FakeEmbedder } from './fake-embedder.ts';

let dataDir: string;
let core: FacetCore;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-import-progress-'));
  core = await openFacet({ dataDir, embedder: new FakeEmbedder(), batchSize: 40 });
});

afterEach(async () => {
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const jsonl = (from: number, count: number, withAbstract = true) =>
  Array.from({ length: count }, (_, i) => JSON.stringify({ title: `Paper number ${from + i} on topic ${(from + i) % 7}`, abstract: withAbstract ? `Abstract of paper ${from + i} about topic ${(from + i) % 7}.` : '' })).join('\n');

describe('import progress and summaries', () => {
  it('counts move in the parse, embed and store phases of each source; the summary has a row per source', async () => {
    const events: EventPayloads['import.onDidProgress'][] = [];
    core.events.on('import.onDidProgress', (event) => events.push(event));
    const summary = await core.handlers['import.run'](
      parseRequest('import.run', {
        sources: [
          { kind: 'text', name: 'a.jsonl', text: jsonl(0, 120) },
          { kind: 'text', name: 'b.jsonl', text: jsonl(100, 30) },
        ],
      }),
    );
    expect(summary.perSource).toEqual([
      { source: 'a.jsonl', parsed: 120, added: 120, duplicates: 0, titleOnly: 0, problems: 0 },
      { source: 'b.jsonl', parsed: 30, added: 10, duplicates: 20, titleOnly: 0, problems: 0 },
    ]);
    for (const phase of ['parse', 'embed', 'store'] as const) {
      const done = events.filter((e) => e.source === 'a.jsonl' && e.phase === phase).map((e) => e.done);
      expect(new Set(done).size, phase).toBeGreaterThan(2);
      expect(done, phase).toEqual([...done].sort((x, y) => x - y));
      expect(done.at(-1), phase).toBe(120);
    }
    const lastStoreB = events.filter((e) => e.source === 'b.jsonl' && e.phase === 'store').at(-1)!;
    expect(lastStoreB).toMatchObject({ done: 10, total: 10, counts: { parsed: 30, duplicates: 20, embedded: 10, added: 10 } });
    const index = events.find((e) => e.phase === 'index')!;
    expect(index).toMatchObject({ done: 0, total: null });
    expect(events.at(-1)).toMatchObject({ phase: 'done', done: 130, total: 130 });
  });

  it('warns about a missing abstract only for records that were stored', async () => {
    const first = await core.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: 'a.jsonl', text: jsonl(0, 3, false) }] }));
    expect(first.problems.filter((p) => p.message.includes('title-only'))).toHaveLength(3);
    expect(first.titleOnly).toBe(3);
    const again = await core.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: 'a.jsonl', text: jsonl(0, 4, false) }] }));
    expect(again).toMatchObject({ added: 1, duplicates: 3, titleOnly: 1 });
    expect(again.problems.map((p) => p.line)).toEqual([4]);
    expect(again.perSource).toEqual([{ source: 'a.jsonl', parsed: 4, added: 1, duplicates: 3, titleOnly: 1, problems: 1 }]);
  });
});
