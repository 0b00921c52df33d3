import type { NewPaper } from '../../../src-main/core/store/index.ts';
import type { AspectVectors } from '../../../src-main/core/types.ts';

/** A paper as the importer hands it to the store, with only what similarity tests vary. */
export function testPaper(id: string, title: string, abstract: string, vectors: AspectVectors): NewPaper {
  const normTitle = title.toLowerCase();
  return {
    id,
    title,
    abstract,
    authors: [],
    year: 2024,
    date: null,
    venue: null,
    arxivId: null,
    doi: null,
    url: null,
    sourceFile: 'test.txt',
    sourceLine: 1,
    normTitle,
    terms: { task: [], method: [], dataset: [] },
    dedupKeys: [`title:${normTitle}`],
    vectors,
  };
}
