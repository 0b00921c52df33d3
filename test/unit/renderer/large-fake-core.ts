/**
 * A fake core holding N generated papers, for renderer tests only (no model, no store): lets the
 * UI be measured at 100k papers and lets a test make a chosen request fail.
 */
import { FacetError, type Paper, type PaperSummary } from '../../../src-main/common/contract.ts';
import { createFakeCore, type FakeCore } from '../bridge/fake-core.ts';

function summary(index: number): PaperSummary {
  return {
    id: `p${index}`,
    title: `Paper ${index}: a study of representation ${index % 7}`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    year: 2000 + (index % 25),
    date: null,
    venue: index % 3 === 0 ? 'JCDL' : null,
    arxivId: null,
    doi: null,
    url: null,
    titleOnly: index % 10 === 9,
    importedAt: '2026-01-01T00:00:00.000Z',
  };
}

export interface LargeFakeCore extends FakeCore {
  /** Changes how many papers the fake library holds (as an import elsewhere would). */
  setTotal(total: number): void;
}

export function createLargeFakeCore(initialTotal: number, options: { failPaperGet?: string } = {}): LargeFakeCore {
  const core = createFakeCore();
  let total = initialTotal;
  const index = (id: string) => Number(id.slice(1));
  core.handlers['papers.list'] = async (args) => {
    core.calls.push({ method: 'papers.list', args });
    const end = Math.min(total, args.offset + args.limit);
    return { total, offset: args.offset, items: Array.from({ length: Math.max(0, end - args.offset) }, (_, i) => summary(args.offset + i)) };
  };
  core.handlers['papers.get'] = async (args) => {
    core.calls.push({ method: 'papers.get', args });
    if (args.id === options.failPaperGet) throw new FacetError('INTERNAL', 'the store could not read this paper');
    const at = index(args.id);
    if (!Number.isInteger(at) || at < 0 || at >= total) throw new FacetError('NOT_FOUND', `no paper with id ${args.id}`);
    const paper: Paper = {
      ...summary(at),
      abstract: `Abstract of paper ${at}.`,
      sourceFile: 'generated.txt',
      sourceLine: at + 1,
      terms: { task: ['retrieval'], method: ['contrastive learning'], dataset: [] },
      embedded: true,
    };
    return paper;
  };
  core.handlers['papers.similar'] = async (args) => {
    core.calls.push({ method: 'papers.similar', args });
    const at = index(args.id);
    return Array.from({ length: args.k }, (_, i) => ({
      paper: summary((at + i + 1) % total),
      score: 0.9 - i * 0.05,
      rank: i + 1,
      sharedTerms: args.aspect === 'generic' ? [] : [`${args.aspect} term`],
      reason: args.aspect === 'generic' ? 'similar overall' : `shared ${args.aspect}: ${args.aspect} term`,
    }));
  };
  core.handlers['papers.search'] = async (args) => {
    core.calls.push({ method: 'papers.search', args });
    return [3, 1, 4].map((at, i) => ({ paper: summary(at), score: 1 - i / 10, rank: i + 1, match: { keyword: false, words: [], semantic: true, similarity: 0.9 - i / 10 }, reason: 'semantic match' }));
  };
  core.handlers['library.stats'] = async (args) => {
    core.calls.push({ method: 'library.stats', args });
    const model = await core.handlers['model.info']({});
    return { papers: total, embedded: total, pendingEmbedding: 0, titleOnly: 0, dataDir: '/tmp/fake', model };
  };
  return { ...core, setTotal: (next: number) => (total = next) };
}
