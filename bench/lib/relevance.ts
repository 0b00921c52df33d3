/**
 * Aspect relevance as in Ostendorff et al. (JCDL 2022): two papers are relevant to each other under an
 * aspect when they share at least one label of that aspect; labels held by 100 or more papers of the
 * pool being evaluated are ignored (too common to mean much), as the paper's dataset builder does with
 * max_papers_per_aspect = 100 applied per evaluation subset.
 */

export const MAX_PAPERS_PER_LABEL = 100;

export interface RelevanceJudgements {
  /** Per pool paper, the other pool papers relevant to it (empty: the paper is not a query). */
  relevant: Set<number>[];
  labelsKept: number;
  labelsDropped: number;
}

export function buildRelevance(labelsPerPaper: readonly (readonly string[])[], maxPapersPerLabel = MAX_PAPERS_PER_LABEL): RelevanceJudgements {
  const papersByLabel = new Map<string, number[]>();
  labelsPerPaper.forEach((labels, paper) => {
    for (const label of new Set(labels)) {
      const list = papersByLabel.get(label);
      if (list) list.push(paper);
      else papersByLabel.set(label, [paper]);
    }
  });
  let labelsKept = 0;
  let labelsDropped = 0;
  const relevant = labelsPerPaper.map(() => new Set<number>());
  for (const papers of papersByLabel.values()) {
    if (papers.length >= maxPapersPerLabel) {
      labelsDropped += 1;
      continue;
    }
    labelsKept += 1;
    for (const a of papers) {
      const set = relevant[a] as Set<number>;
      for (const b of papers) if (a !== b) set.add(b);
    }
  }
  return { relevant, labelsKept, labelsDropped };
}
