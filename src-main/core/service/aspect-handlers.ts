/**
 * papers.crossAspect and papers.compare: the requests that set aspects against each other. Both
 * read the fused similarities papers.similar ranks by, so their numbers agree with the neighbour
 * lists.
 */
import { FacetError, type Aspect, type CrossNeighbour, type Paper } from '../../common/contract.ts';
import type { NeighbourExplainer } from '../aspects/neighbour-reason.ts';
import { sharedTerms } from '../aspects/reason.ts';
import { compareUnder, differenceSentence, termDifference } from '../similarity/compare.ts';
import { crossAspectSimilar } from '../similarity/cross-aspect.ts';
import type { LibraryLexicon } from '../similarity/library-lexicon.ts';
import type { PaperStore } from '../store/index.ts';
import { dot } from '../util/vectors.ts';
import type { CoreHandlers } from '../types.ts';
import { summaryOf } from './paper-summary.ts';

export interface AspectHandlerDeps {
  store: PaperStore;
  lexicon: LibraryLexicon;
  explainer: () => Promise<NeighbourExplainer>;
  lexicalWeight: Partial<Record<Aspect, number>>;
  /** The model's aspects, in its order (the comparison lists them so). */
  aspects: readonly Aspect[];
}

export type AspectHandlers = Pick<CoreHandlers, 'papers.crossAspect' | 'papers.compare'>;

export function openAspectHandlers(deps: AspectHandlerDeps): AspectHandlers {
  const { store } = deps;
  const requirePapers = async (ids: readonly string[]): Promise<Paper[]> => {
    const found = new Map((await store.getMany(ids)).map((paper) => [paper.id, paper]));
    return ids.map((id) => {
      const paper = found.get(id);
      if (!paper) throw new FacetError('NOT_FOUND', `no paper with id ${JSON.stringify(id)}`);
      return paper;
    });
  };

  return {
    'papers.crossAspect': async ({ id, aspect, unlike, k }) => {
      const [[source], lexicon, explain] = await Promise.all([requirePapers([id]), deps.lexicon.current(), deps.explainer()]);
      const read = new Map<string, Paper>();
      const sharing = async (ids: readonly string[]) => {
        for (const paper of await store.getMany(ids)) read.set(paper.id, paper);
        return new Set(ids.filter((other) => sharedTerms(source!.terms, read.get(other)?.terms ?? { task: [], method: [], dataset: [] }, unlike, explain.folding).length > 0));
      };
      const hits = await crossAspectSimilar(store, lexicon, deps.lexicalWeight, { id, aspect, unlike, k }, sharing);
      return hits.flatMap((hit, index): CrossNeighbour[] => {
        const paper = read.get(hit.id);
        if (!paper) return [];
        const { sharedTerms: terms, reason } = explain.explain(source!, paper, aspect);
        const unlikeTerms = termDifference(source!.terms, paper.terms, unlike, explain.folding);
        return [
          {
            paper: summaryOf(paper),
            score: hit.score,
            rank: index + 1,
            similarity: hit.like,
            unlikeSimilarity: hit.unlike,
            sharedTerms: terms,
            reason,
            unlikeTerms,
            difference: differenceSentence(unlike, unlikeTerms),
          },
        ];
      });
    },

    'papers.compare': async ({ a, b }) => {
      const [[first, second], lexicon, explain] = await Promise.all([requirePapers([a, b]), deps.lexicon.current(), deps.explainer()]);
      const lexical = lexicon.has(a) && lexicon.has(b) ? lexicon.scores(a).get(b) : 0;
      const aspects = await Promise.all(
        deps.aspects.map(async (aspect) => {
          const vectors = await store.vectorsOf([a, b], aspect);
          const va = vectors.get(a);
          const vb = vectors.get(b);
          // Stored vectors are unit-norm: the dot product is the cosine.
          const dense = va && vb ? dot(va, vb) : null;
          return compareUnder(first!, second!, aspect, { lexical, dense }, deps.lexicalWeight[aspect] ?? 0, explain);
        }),
      );
      return { a: summaryOf(first!), b: summaryOf(second!), aspects };
    },
  };
}
