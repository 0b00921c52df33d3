/**
 * Why two papers are neighbours under an aspect, as terms they share and a sentence a person reads
 * beside the neighbour ("shared method: Contrastive Learning, SimCLR").
 */
import type { Aspect, AspectTerms } from '../../common/contract.ts';

/** At most this many names go into a reason sentence; the rest are counted. */
export const REASON_MAX_TERMS = 4;

function comparable(term: string): string {
  return term.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}+#]+/gu, ' ').trim();
}

/**
 * Terms of `aspect` that both papers carry, in `a`'s order, compared ignoring case, accents and
 * punctuation; spelled as in `a`. Always empty for the generic aspect (it has no terms).
 */
export function sharedTerms(a: AspectTerms, b: AspectTerms, aspect: Aspect): string[] {
  if (aspect === 'generic') return [];
  const other = new Set(b[aspect].map(comparable));
  const seen = new Set<string>();
  const shared: string[] = [];
  for (const term of a[aspect]) {
    const key = comparable(term);
    if (!other.has(key) || seen.has(key)) continue;
    seen.add(key);
    shared.push(term);
  }
  return shared;
}

/**
 * One readable sentence:
 * - generic: "similar overall wording";
 * - shared terms: "shared method: A, B" (with "and N more" beyond REASON_MAX_TERMS);
 * - none shared: "similar task profile, no named task in common", so the list never claims a
 *   shared term that the tagger did not find.
 */
export function reasonFor(aspect: Aspect, shared: readonly string[]): string {
  if (aspect === 'generic') return 'similar overall wording';
  if (shared.length === 0) return `similar ${aspect} profile, no named ${aspect} in common`;
  const shown = shared.slice(0, REASON_MAX_TERMS).join(', ');
  const more = shared.length - REASON_MAX_TERMS;
  return `shared ${aspect}: ${shown}${more > 0 ? ` and ${more} more` : ''}`;
}
