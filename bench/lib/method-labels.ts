/**
 * Method labels for the quality benchmark. The leaderboard data has no per-paper method labels, so
 * they are DERIVED from title + abstract by Facet's own module (src-main/core/aspects/method-labels.ts),
 * the same one the model's training labels come from. They are not gold labels; the output says so.
 */
import { deriveMethodLabels, loadMethodLexicon } from '../../src-main/core/aspects/method-labels.ts';
import type { PwcPaper } from './pwc-data.ts';

export const METHOD_LABELS_NOTE =
  'Method labels are DERIVED, not gold: deriveMethodLabels(title, abstract) from src-main/core/aspects/method-labels.ts ' +
  '(Papers-with-Code method names found in the text), the same module that writes the model\'s training labels. ' +
  'Task and dataset labels are the leaderboard annotations.';

export async function deriveMethodsForPapers(papers: readonly PwcPaper[]): Promise<string[][]> {
  const lexicon = await loadMethodLexicon();
  return papers.map((paper) => deriveMethodLabels(paper.title, paper.abstract, lexicon));
}
