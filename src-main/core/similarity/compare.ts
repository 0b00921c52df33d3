/**
 * Two papers side by side under every aspect: their fused similarity (with the lexical and dense
 * cosines it fuses), the aspect terms both have, those only one has, related terms, and the
 * strongest shared words where no term is shared. Also the term difference a cross-aspect
 * neighbour shows under its unlike aspect.
 */
import type { Aspect, AspectComparison, AspectTerms, TermDifference } from '../../common/contract.ts';
import type { ComparedPaper, NeighbourExplainer } from '../aspects/neighbour-reason.ts';
import { relatedPhrase, relatedTerms } from '../aspects/reason.ts';
import type { TermFolding } from '../aspects/term-folding.ts';
import { REASON_MAX_TERMS } from '../aspects/reason.ts';
import { fuse } from './hybrid-similar.ts';

/** The terms of `aspect` of two papers, split into shared and each one's own (folded; display spelling). */
export function termDifference(own: AspectTerms, other: AspectTerms, aspect: Aspect, folding: TermFolding): TermDifference {
  if (aspect === 'generic') return { shared: [], onlyOwn: [], onlyOther: [] };
  const keyed = (terms: readonly string[]) => {
    const byKey = new Map<string, string>();
    for (const term of terms) {
      const key = folding.key(aspect, term);
      if (!byKey.has(key)) byKey.set(key, folding.canonical(aspect, term));
    }
    return byKey;
  };
  const mine = keyed(own[aspect]);
  const theirs = keyed(other[aspect]);
  const shared = [...mine].filter(([key]) => theirs.has(key)).map(([, name]) => name);
  const onlyOwn = [...mine].filter(([key]) => !theirs.has(key)).map(([, name]) => name);
  const onlyOther = [...theirs].filter(([key]) => !mine.has(key)).map(([, name]) => name);
  return { shared, onlyOwn, onlyOther };
}

function names(items: readonly string[]): string {
  const more = items.length - REASON_MAX_TERMS;
  return `${items.slice(0, REASON_MAX_TERMS).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * How a neighbour differs under an aspect, in one sentence: "other task: Speech Recognition (this
 * paper: Machine Translation)", "also shares task: …" when some term is shared after all, or that
 * the tagger named none.
 */
export function differenceSentence(aspect: Aspect, diff: TermDifference): string {
  const parts: string[] = [];
  if (diff.onlyOther.length > 0) parts.push(`other ${aspect}: ${names(diff.onlyOther)}${diff.onlyOwn.length > 0 ? ` (this paper: ${names(diff.onlyOwn)})` : ''}`);
  else if (diff.onlyOwn.length > 0) parts.push(`no other ${aspect} named (this paper: ${names(diff.onlyOwn)})`);
  if (diff.shared.length > 0) parts.push(`also shares ${aspect}: ${names(diff.shared)}`);
  if (parts.length === 0) return `no ${aspect} named in either paper`;
  return parts.join('; ');
}

/** What the comparison reads of the two papers under one aspect. */
export interface PairCosines {
  lexical: number;
  /** Null when a paper has no vectors yet. */
  dense: number | null;
}

export function compareUnder(
  a: ComparedPaper,
  b: ComparedPaper,
  aspect: Aspect,
  cosines: PairCosines,
  lexicalWeight: number,
  explainer: NeighbourExplainer,
): AspectComparison {
  const diff = termDifference(a.terms, b.terms, aspect, explainer.folding);
  const related = relatedTerms(a.terms, b.terms, aspect, explainer.folding);
  const explanation = explainer.explain(a, b, aspect);
  const dense = cosines.dense ?? 0;
  return {
    aspect,
    similarity: cosines.dense === null ? lexicalWeight * cosines.lexical : fuse(lexicalWeight, cosines.lexical, dense),
    lexical: cosines.lexical,
    dense,
    terms: { shared: diff.shared, onlyA: diff.onlyOwn, onlyB: diff.onlyOther },
    related: related.map((pair) => relatedPhrase(aspect, pair)),
    sharedWords: explanation.sharedWords,
    reason: explanation.reason,
  };
}
