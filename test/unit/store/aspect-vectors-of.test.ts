/** PaperStore.aspectVectorsOf: every aspect vector of one paper, on a fresh LanceDB. */
import { expect, it } from 'vitest';
import { ASPECTS } from '../../../src-main/common/contract.ts';
import { paperFieldsOf } from '../../../src-main/core/ingest/index.ts';
import type { AspectVectors, ParsedRecord } from '../../../src-main/core/types.ts';
import { useFreshStore } from '../../support/fresh-store.ts';

const DIMS = 4;
const storeOf = useFreshStore('model-a', DIMS);

function record(title: string, doi: string): ParsedRecord {
  return { title, abstract: 'Some text.', authors: ['A Person'], year: 2021, date: null, venue: null, arxivId: null, doi, url: null, sourceLine: 1, recordKey: null };
}

it('reads the four vectors of a paper, and fails with MODEL for a stub and NOT_FOUND for an unknown id', async () => {
  const vectors = Object.fromEntries(ASPECTS.map((aspect, i) => [aspect, Float32Array.from([i + 1, 0, 0, 0])])) as AspectVectors;
  const embedded = { ...paperFieldsOf(record('Embedded', '10.1/a'), 'a.bib', { task: [], method: [], dataset: [] }), vectors };
  const stub = { ...paperFieldsOf(record('Stub', '10.1/b'), 'a.bib', { task: [], method: [], dataset: [] }), vectors: null, pending: true };
  await storeOf().addPapers([embedded, stub]);
  const read = await storeOf().aspectVectorsOf(embedded.id);
  for (const [i, aspect] of ASPECTS.entries()) expect([...read[aspect]]).toEqual([i + 1, 0, 0, 0]);
  await expect(storeOf().aspectVectorsOf(stub.id)).rejects.toMatchObject({ code: 'MODEL' });
  await expect(storeOf().aspectVectorsOf('no-such-paper')).rejects.toMatchObject({ code: 'NOT_FOUND' });
});
