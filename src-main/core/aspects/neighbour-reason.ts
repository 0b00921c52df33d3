/**
 * The reason shown beside one neighbour: terms in common (folded), related tasks, and where there
 * are none, the strongest shared words of the aspect's evidence. One explainer serves the similar
 * list and the recommendations, so both say the same thing for the same pair.
 */
import type { Aspect, AspectTerms } from '../../common/contract.ts';
import { reasonFor, relatedTerms, sharedTerms, termsInCommon } from './reason.ts';
import { REASON_MAX_WORDS, aspectEvidence, idfFrom, loadWordFrequencies, strongestSharedWords } from './shared-words.ts';
import type { RelatedTerm, TermFolding } from './term-folding.ts';

/** What the explainer reads of a paper: its tags, and its text for shared words. */
export interface ComparedPaper {
  terms: AspectTerms;
  title?: string;
  abstract?: string;
}

export interface NeighbourExplanation {
  /** Shared terms, then broader tasks of related task pairs (the chips beside the neighbour). */
  sharedTerms: string[];
  related: RelatedTerm[];
  /** Set only when no term is shared or related. */
  sharedWords: string[];
  /** The aspect's sentence (reasonFor). */
  reason: string;
}

export class NeighbourExplainer {
  private readonly evidence = new WeakMap<ComparedPaper, Map<Aspect, string[]>>();

  constructor(
    readonly folding: TermFolding,
    private readonly idf: (token: string) => number,
  ) {}

  /** Evidence words of a paper under an aspect, kept while the paper object lives. */
  evidenceOf(paper: ComparedPaper, aspect: Aspect): string[] {
    let byAspect = this.evidence.get(paper);
    if (!byAspect) {
      byAspect = new Map();
      this.evidence.set(paper, byAspect);
    }
    let words = byAspect.get(aspect);
    if (!words) {
      words = aspectEvidence(paper.title ?? '', paper.abstract ?? '', aspect);
      byAspect.set(aspect, words);
    }
    return words;
  }

  /**
   * Explains `other` as a neighbour of `own`. `sharedWords`, when given (a lexical index's own
   * choice, most informative first), is used instead of the words computed here.
   */
  explain(own: ComparedPaper, other: ComparedPaper, aspect: Aspect, sharedWords?: readonly string[]): NeighbourExplanation {
    const shared = sharedTerms(own.terms, other.terms, aspect, this.folding);
    const related = relatedTerms(own.terms, other.terms, aspect, this.folding);
    const words =
      shared.length > 0 || related.length > 0
        ? []
        : sharedWords
          ? sharedWords.slice(0, REASON_MAX_WORDS)
          : strongestSharedWords(this.evidenceOf(own, aspect), this.evidenceOf(other, aspect), this.idf, REASON_MAX_WORDS);
    return { sharedTerms: termsInCommon(shared, related, aspect), related, sharedWords: words, reason: reasonFor(aspect, shared, words, related) };
  }

  /**
   * One explanation against several papers at once (a recommendation and the liked papers it is
   * near, nearest first): terms and related tasks from all of them, words from the nearest only.
   */
  explainAgainst(own: ComparedPaper, others: readonly ComparedPaper[], aspect: Aspect): NeighbourExplanation {
    const shared: string[] = [];
    const related: RelatedTerm[] = [];
    for (const other of others) {
      for (const term of sharedTerms(own.terms, other.terms, aspect, this.folding)) if (!shared.includes(term)) shared.push(term);
      for (const pair of relatedTerms(own.terms, other.terms, aspect, this.folding)) if (!related.some((known) => known.parent === pair.parent)) related.push(pair);
    }
    const nearest = others[0];
    const words =
      shared.length > 0 || related.length > 0 || !nearest ? [] : strongestSharedWords(this.evidenceOf(own, aspect), this.evidenceOf(nearest, aspect), this.idf, REASON_MAX_WORDS);
    return { sharedTerms: termsInCommon(shared, related, aspect), related, sharedWords: words, reason: reasonFor(aspect, shared, words, related) };
  }
}

/**
 * A getter for one explainer, built on first use: the word frequencies are read only when a
 * reason is first needed, not at startup. A failed read is reported to the caller and retried on
 * the next call.
 */
export function lazyExplainer(folding: TermFolding | (() => TermFolding), aspectsDir?: string): () => Promise<NeighbourExplainer> {
  let pending: Promise<NeighbourExplainer> | null = null;
  return () => {
    pending ??= loadWordFrequencies(aspectsDir).then(
      (frequencies) => new NeighbourExplainer(typeof folding === 'function' ? folding() : folding, idfFrom(frequencies)),
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    return pending;
  };
}
