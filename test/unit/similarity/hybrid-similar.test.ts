import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PaperStore } from '../../../src-main/core/store/index.ts';
import { fuse, hybridSimilar } from '../../../src-main/core/similarity/hybrid-similar.ts';
import { LibraryLexicon } from '../../../src-main/core/similarity/library-lexicon.ts';
import type { AspectVectors } from '../../../src-main/core/types.ts';
import { testPaper } from './test-paper.ts';

// A lexicon writes its snapshot in the background; each is settled before its folder is removed.
const lexicons: LibraryLexicon[] = [];
function lexiconOf(of: PaperStore): LibraryLexicon {
  const lexicon = new LibraryLexicon(of);
  lexicons.push(lexicon);
  return lexicon;
}

const DIMS = 4;
const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / n);
};
const vectors = (generic: number[], method = generic): AspectVectors => ({ generic: unit(generic), task: unit(generic), method: unit(method), dataset: unit(generic) });

const paper = testPaper;

let dir: string;
let store: PaperStore;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-hybrid-'));
  store = (await PaperStore.open(dir, { id: 'model-a', dims: DIMS })).store;
  await store.addPapers([
    // q and lex share rare words but point elsewhere densely; dense points the same way as q with no shared word.
    paper('q', 'Zeolite catalysis screening', 'We screen zeolite catalysts.', vectors([1, 0, 0, 0])),
    paper('lex', 'Zeolite catalyst screening at scale', 'Zeolite catalysts, screened.', vectors([0, 1, 0, 0])),
    paper('dense', 'Porous materials for reactions', 'A study of porous frameworks.', vectors([0.95, 0.3, 0, 0])),
    paper('far', 'Image classification', 'Vision transformers on images.', vectors([0, 0, 0, 1])),
  ]);
});

afterEach(async () => {
  await Promise.all(lexicons.splice(0).map((lexicon) => lexicon.settled()));
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('hybridSimilar', () => {
  it('is the dense ranking at lexical weight 0 and the lexical ranking at 1', async () => {
    const lexicon = await lexiconOf(store).current();
    const dense = await hybridSimilar(store, lexicon, 0, { id: 'q', aspect: 'generic', k: 3 });
    expect(dense[0]!.id).toBe('dense');
    expect(dense[0]!.score).toBeCloseTo(dense[0]!.dense, 6);
    const lexical = await hybridSimilar(store, lexicon, 1, { id: 'q', aspect: 'generic', k: 3 });
    expect(lexical[0]!.id).toBe('lex');
    expect(lexical[0]!.score).toBeCloseTo(lexical[0]!.lexical, 6);
    for (const hit of [...dense, ...lexical]) expect(hit.id).not.toBe('q');
  });

  it('fuses both cosines with the weight, on one absolute scale', async () => {
    const lexicon = await lexiconOf(store).current();
    const hits = await hybridSimilar(store, lexicon, 0.5, { id: 'q', aspect: 'method', k: 10 });
    expect(hits).toHaveLength(3);
    for (const hit of hits) expect(hit.score).toBeCloseTo(fuse(0.5, hit.lexical, hit.dense), 6);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(hits.at(-1)!.id).toBe('far');
  });

  it('ranks only the papers asked for with `within`', async () => {
    const lexicon = await lexiconOf(store).current();
    const hits = await hybridSimilar(store, lexicon, 0.5, { id: 'q', aspect: 'generic', k: 10, within: ['far', 'lex', 'q', 'unknown'] });
    expect(hits.map((h) => h.id).sort()).toEqual(['far', 'lex']);
  });

  it('follows the library: a deleted paper leaves and a new one joins the lexical scores', async () => {
    const library = lexiconOf(store);
    expect((await library.current()).similarTo('q').map((h) => h.id)).toContain('lex');
    await store.deletePapers(['lex']);
    await store.addPapers([paper('new', 'Zeolite screening revisited', 'More zeolite screening.', vectors([0, 0, 1, 0]))]);
    const ids = (await library.current()).similarTo('q').map((h) => h.id);
    expect(ids).not.toContain('lex');
    expect(ids[0]).toBe('new');
  });

  it('warms up in the background: the first use shares the warm-up refresh, and settled() waits for it', async () => {
    const library = lexiconOf(store);
    let reads = 0;
    const texts = store.texts.bind(store);
    store.texts = () => (reads++, texts());
    library.warmUp();
    const index = await library.current();
    await library.settled();
    expect(reads).toBe(1);
    expect(index.size).toBe(4);
    expect(index.similarTo('q')[0]?.id).toBe('lex');
  });

  it('refuses an unknown paper', async () => {
    const lexicon = await lexiconOf(store).current();
    await expect(hybridSimilar(store, lexicon, 0.5, { id: 'nope', aspect: 'generic', k: 3 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
