import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../../src-main/core/similarity/lexical-index.ts';
import { decodeSnapshot, encodeSnapshot } from '../../../src-main/core/similarity/lexical-snapshot.ts';
import { LEXICAL_SNAPSHOT_FILE, LibraryLexicon } from '../../../src-main/core/similarity/library-lexicon.ts';
import { PaperStore, type NewPaper } from '../../../src-main/core/store/index.ts';
import { randomLibrary } from './random-library.ts';
import { testPaper } from './test-paper.ts';

const DIMS = 4;
const VECTOR = Float32Array.from([1, 0, 0, 0]);

function paper(id: string, text: string): NewPaper {
  const [title, ...rest] = text.split(' ');
  return testPaper(id, `${title} ${id}`, rest.join(' '), { generic: VECTOR, task: VECTOR, method: VECTOR, dataset: VECTOR });
}

function indexOf(docs: ReadonlyMap<string, string>): LexicalIndex {
  const index = new LexicalIndex();
  for (const [id, text] of docs) index.upsert(id, text);
  return index;
}

/** Every score of every query, and the shared words of a few pairs: what must not change. */
function answers(index: LexicalIndex, queries: readonly string[]): unknown {
  return queries.map((id) => {
    const hits = index.similarTo(id);
    return { hits, words: hits.slice(0, 3).map((hit) => index.sharedWords(id, hit.id, 5)) };
  });
}

describe('lexical index snapshot', () => {
  const docs = randomLibrary(600, 11);
  const queries = ['p0', 'p17', 'p233', 'p599'];

  it('round-trips: the loaded index scores every pair exactly as the one written', () => {
    const index = indexOf(docs);
    const before = answers(index, queries);
    const decoded = decodeSnapshot(encodeSnapshot(index.toState(), { tableVersion: 7, rows: docs.size }));
    if ('rejected' in decoded) throw new Error(decoded.rejected);
    expect(decoded.tag).toEqual({ tableVersion: 7, rows: docs.size });
    const loaded = LexicalIndex.fromState(decoded.state);
    expect([...loaded.ids()]).toEqual([...index.ids()]);
    expect(answers(loaded, queries)).toEqual(before);
    for (const id of queries) expect(loaded.fingerprintOf(id)).toBe(index.fingerprintOf(id));
    // A loaded index takes changes like any other: same scores as the original after the same edits.
    for (const target of [index, loaded]) {
      target.upsert('p17', 'zeolite lattice spectra brandnewword');
      target.upsert('fresh', 'brandnewword kernel prior');
      target.remove('p233');
    }
    expect(answers(loaded, ['p0', 'p17', 'fresh'])).toEqual(answers(index, ['p0', 'p17', 'fresh']));
  });

  it('rejects a truncated, altered, foreign or other-format file instead of loading it', () => {
    const bytes = encodeSnapshot(indexOf(docs).toState(), { tableVersion: 1, rows: docs.size });
    const flipped = bytes.slice();
    flipped[Math.floor(bytes.length * 0.7)]! ^= 0x10;
    const otherFormat = bytes.slice();
    otherFormat[8]! += 1;
    const cases: [string, Uint8Array, RegExp][] = [
      ['empty', new Uint8Array(0), /not a lexical index/],
      ['foreign', Buffer.from('{"not": "a snapshot"}'), /not a lexical index/],
      ['truncated', bytes.subarray(0, bytes.length - 8), /checksum|truncated|length/],
      ['cut in the prefix', bytes.subarray(0, 20), /truncated|checksum/],
      ['one bit changed', flipped, /checksum/],
      ['other format', otherFormat, /format/],
    ];
    for (const [, input, reason] of cases) {
      const decoded = decodeSnapshot(input);
      expect('rejected' in decoded && decoded.rejected).toMatch(reason);
    }
  });

  it('refuses a state that does not hold together', () => {
    const state = indexOf(docs).toState();
    expect(() => LexicalIndex.fromState({ ...state, ids: state.ids.slice(1) })).toThrow(/lengths/);
    const outOfRange = state.docTerms.slice();
    outOfRange[5] = state.terms.length + 3;
    expect(() => LexicalIndex.fromState({ ...state, docTerms: outOfRange })).toThrow(/out of range/);
    const twice = [...state.ids];
    twice[1] = twice[0]!;
    expect(() => LexicalIndex.fromState({ ...state, ids: twice })).toThrow(/twice/);
  });
});

describe('LibraryLexicon persistence', () => {
  let dir: string;
  let store: PaperStore;
  const docs = randomLibrary(300, 5);
  const lexicons: LibraryLexicon[] = [];
  const open = (options?: ConstructorParameters<typeof LibraryLexicon>[1]) => {
    const lexicon = new LibraryLexicon(store, options);
    lexicons.push(lexicon);
    return lexicon;
  };
  /** The scores a lexicon built from the texts alone gives. */
  const fromTexts = async () => answers(await open({ snapshotFile: null }).current(), ['p0', 'p42', 'p150']);

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-lexsnap-'));
    store = (await PaperStore.open(dir, { id: 'model-a', dims: DIMS })).store;
    await store.addPapers([...docs].map(([id, text]) => paper(id, text)));
  });

  afterEach(async () => {
    await Promise.all(lexicons.splice(0).map((lexicon) => lexicon.settled()));
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a snapshot after the first build, and a new lexicon loads it without reading texts', async () => {
    const first = open();
    const built = answers(await first.current(), ['p0', 'p42', 'p150']);
    expect(first.source).toBe('texts');
    await first.settled();
    expect(fs.existsSync(path.join(dir, LEXICAL_SNAPSHOT_FILE))).toBe(true);
    expect(fs.readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
    const texts = store.texts.bind(store);
    let textReads = 0;
    store.texts = () => {
      textReads++;
      return texts();
    };
    const second = open();
    expect(answers(await second.current(), ['p0', 'p42', 'p150'])).toEqual(built);
    expect(second.source).toBe('snapshot');
    expect(textReads).toBe(0);
  });

  it('catches up from an older snapshot after add, edit and delete, scoring as a fresh build does', async () => {
    const first = open();
    await first.current();
    await first.settled();
    await store.addPapers([paper('added', 'zeolite lattice spectra kernel prior')]);
    await store.deletePapers(['p10', 'p11']);
    await store.replacePapers([paper('p42', 'zeolite lattice boson ising')]);
    const second = open();
    const caughtUp = await second.current();
    expect(second.source).toBe('snapshot+texts');
    expect(caughtUp.has('p10')).toBe(false);
    expect(caughtUp.has('added')).toBe(true);
    expect(caughtUp.similarTo('added').map((hit) => hit.id)).toContain('p42');
    expect(answers(caughtUp, ['p0', 'p42', 'p150'])).toEqual(await fromTexts());
    // The catch-up was saved at the new version: the next process loads it as it is.
    await second.settled();
    const third = open();
    expect(answers(await third.current(), ['p0', 'p42', 'p150'])).toEqual(await fromTexts());
    expect(third.source).toBe('snapshot');
  });

  it('ignores a corrupt or truncated snapshot, or a dead writer\'s temporary file, and rebuilds', async () => {
    const file = path.join(dir, LEXICAL_SNAPSHOT_FILE);
    const first = open();
    await first.current();
    await first.settled();
    const whole = fs.readFileSync(file);
    fs.writeFileSync(`${file}.tmp-999999-deadbeef`, whole.subarray(0, 100));
    for (const damaged of [whole.subarray(0, Math.floor(whole.length / 2)), Buffer.concat([whole, Buffer.from('xx')]), Buffer.from('garbage')]) {
      fs.writeFileSync(file, damaged);
      const lexicon = open();
      expect(answers(await lexicon.current(), ['p0', 'p42', 'p150'])).toEqual(await fromTexts());
      expect(lexicon.source).toBe('texts');
      await lexicon.settled();
      // The rebuild replaced the damaged file with a whole one.
      expect(decodeSnapshot(fs.readFileSync(file))).not.toHaveProperty('rejected');
    }
  });
});
