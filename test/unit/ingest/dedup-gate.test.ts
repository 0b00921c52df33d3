/** The dedup stage over a fresh LanceDB: stored keys, keys seen earlier in the import, and records without keys. */
import { expect, it } from 'vitest';
import { ASPECTS } from '../../../src-main/common/contract.ts';
import { DedupGate, paperFieldsOf, unkeyedProblem } from '../../../src-main/core/ingest/index.ts';
import type { AspectVectors, ParsedRecord } from '../../../src-main/core/types.ts';
import { useFreshStore } from '../../support/fresh-store.ts';

const DIMS = 4;
const storeOf = useFreshStore('model-a', DIMS);

function record(extra: Partial<ParsedRecord>): ParsedRecord {
  return { title: '', abstract: '', authors: [], year: null, date: null, venue: null, arxivId: null, doi: null, url: null, sourceLine: 7, recordKey: null, ...extra };
}

function vectors(): AspectVectors {
  return Object.fromEntries(ASPECTS.map((aspect) => [aspect, new Float32Array(DIMS).fill(0.5)])) as AspectVectors;
}

it('judges records against the stored keys and the keys it admitted earlier', async () => {
  const stored = record({ title: 'Stored paper', doi: '10.1000/stored' });
  await storeOf().addPapers([{ ...paperFieldsOf(stored, 'old.bib', { task: [], method: [], dataset: [] }), vectors: vectors() }]);
  const gate = await DedupGate.open(storeOf());
  expect(gate.admit(record({ title: 'Same DOI, other title', doi: '10.1000/stored' }))).toBe('known');
  expect(gate.admit(record({ title: 'A new paper', arxivId: '2101.00001' }))).toBe('new');
  expect(gate.admit(record({ title: 'Its journal version', arxivId: '2101.00001', doi: '10.1000/journal' }))).toBe('known');
  // A known record routed elsewhere takes its other keys only when remembered.
  expect(gate.admit(record({ title: 'Journal only', doi: '10.1000/journal' }))).toBe('new');
  const routed = record({ title: 'Routed', doi: '10.1000/stored', arxivId: '2202.00002' });
  expect(gate.admit(routed)).toBe('known');
  gate.remember(routed);
  expect(gate.admit(record({ title: 'Other', arxivId: '2202.00002' }))).toBe('known');
});

it('gives an unkeyed record a problem naming it', async () => {
  const gate = await DedupGate.open(storeOf());
  const unkeyed = record({ recordKey: 'zotero:1/KEY' });
  expect(gate.admit(unkeyed)).toBe('unkeyed');
  expect(unkeyedProblem('lib.sqlite', unkeyed)).toEqual({ source: 'lib.sqlite', line: 7, record: 'zotero:1/KEY', severity: 'warning', message: 'skipped: the record has no title, arXiv id or DOI' });
});
