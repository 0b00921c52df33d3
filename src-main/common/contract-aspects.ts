/**
 * The aspect-comparison part of the contract: cross-aspect neighbours ("same method, other tasks")
 * and a side-by-side comparison of two papers under every aspect. contract.ts spreads these request
 * schemas into its own, so transports see one contract.
 */
import { z } from 'zod';
import type { PaperSummary } from './contract-papers.ts';
import { aspectSchema as aspect, paperIdSchema as paperId } from './contract-fields.ts';
import type { Aspect } from './vocabulary.ts';

export const aspectRequestSchemas = {
  /**
   * Papers close to a stored paper under `aspect` and not close under `unlike` ("same method, other
   * tasks": aspect method, unlike task), best first, each with the terms shared under `aspect` and
   * how the two differ under `unlike`.
   */
  'papers.crossAspect': z
    .object({
      id: paperId,
      aspect,
      unlike: aspect,
      k: z.number().int().min(1).max(200).default(10),
    })
    .refine((args) => args.aspect !== args.unlike, { message: 'must differ from aspect', path: ['unlike'] }),
  /** Two stored papers side by side: per aspect their similarity, the terms both have and those only one has. */
  'papers.compare': z
    .object({ a: paperId, b: paperId })
    .refine((args) => args.a !== args.b, { message: 'compare two different papers', path: ['b'] }),
} as const;

/** Terms of one aspect across two papers, folded (case, aliases), each in its display spelling. */
export interface TermDifference {
  shared: string[];
  /** Only the first paper (the open one) has these. */
  onlyOwn: string[];
  /** Only the other paper has these. */
  onlyOther: string[];
}

export interface CrossNeighbour {
  paper: PaperSummary;
  /** The ranking score: the aspect's similarity minus the cost of closeness under `unlike`. */
  score: number;
  /** 1-based. */
  rank: number;
  /** Fused similarity under the aspect (what papers.similar scores). */
  similarity: number;
  /** Fused similarity under the unlike aspect. */
  unlikeSimilarity: number;
  /** Terms of the aspect the two papers share (with related tasks' broader task). */
  sharedTerms: string[];
  /** Why they are close under the aspect, e.g. "shared method: Transformer". */
  reason: string;
  /** Terms of the unlike aspect: shared, only the open paper's, only this paper's. */
  unlikeTerms: TermDifference;
  /** How they differ under the unlike aspect, e.g. "other task: Speech Recognition (this paper: Machine Translation)". */
  difference: string;
}

export interface AspectComparison {
  aspect: Aspect;
  /** Fused similarity (as papers.similar scores it). */
  similarity: number;
  /** The library's TF-IDF cosine and the aspect embeddings' cosine it fuses. */
  lexical: number;
  dense: number;
  /** Terms of the aspect (empty for generic): a is the first paper, b the second. */
  terms: { shared: string[]; onlyA: string[]; onlyB: string[] };
  /** Related terms (a task and a kind of it; two methods of one family) as readable phrases. */
  related: string[];
  /** The strongest shared words of the aspect's evidence, where no term is shared or related. */
  sharedWords: string[];
  reason: string;
}

export interface PaperComparison {
  a: PaperSummary;
  b: PaperSummary;
  /** One entry per aspect of the model, in the model's order. */
  aspects: AspectComparison[];
}

export interface AspectRequestResults {
  'papers.crossAspect': CrossNeighbour[];
  'papers.compare': PaperComparison;
}
