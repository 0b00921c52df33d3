/**
 * Why two papers are neighbours under an aspect, as terms they share and a sentence a person reads
 * beside the neighbour ("shared method: Contrastive Learning, SimCLR").
 *
 * Terms are compared through TermFolding (case, punctuation, aliases). Under the task aspect a
 * task of one paper that is a kind of the other's, or both kinds of one task, counts as related;
 * under the method aspect, two methods of one family.
 * Where no term is shared or related, the reason names the strongest words both papers use in that
 * aspect's evidence; where not even those exist, it says so in a few words.
 */
import type { Aspect, AspectTerms } from '../../common/contract.ts';
import type { RelatedTerm } from './term-folding.ts';
import { TermFolding } from './term-folding.ts';

/** At most this many names go into a reason sentence; the rest are counted. */
export const REASON_MAX_TERMS = 4;
/** At most this many related-task pairs go into a reason sentence. */
export const REASON_MAX_RELATED = 2;

const PLAIN = TermFolding.plain();

/**
 * Terms of `aspect` that both papers carry, in `a`'s order, each once, in their display spelling
 * (`folding.canonical`). Always empty for the generic aspect (it has no terms).
 */
export function sharedTerms(a: AspectTerms, b: AspectTerms, aspect: Aspect, folding: TermFolding = PLAIN): string[] {
  if (aspect === 'generic') return [];
  const other = new Set(b[aspect].map((term) => folding.key(aspect, term)));
  const seen = new Set<string>();
  const shared: string[] = [];
  for (const term of a[aspect]) {
    const key = folding.key(aspect, term);
    if (!other.has(key) || seen.has(key)) continue;
    seen.add(key);
    shared.push(folding.canonical(aspect, term));
  }
  return shared;
}

/**
 * Terms of `a` and `b` related without being equal: tasks through the task taxonomy, methods
 * through their families; none for datasets and the generic aspect.
 */
export function relatedTerms(a: AspectTerms, b: AspectTerms, aspect: Aspect, folding: TermFolding = PLAIN): RelatedTerm[] {
  if (aspect === 'task') return folding.relatedTasks(a.task, b.task);
  if (aspect === 'method') return folding.relatedMethods(a.method, b.method);
  return [];
}

/**
 * The terms shown as chips beside a neighbour: shared terms, then for tasks the broader task of
 * each related pair (a task itself; a method family is not a method, so it stays in the sentence).
 */
export function termsInCommon(shared: readonly string[], related: readonly RelatedTerm[], aspect: Aspect = 'task'): string[] {
  const terms = [...shared];
  if (aspect !== 'task') return terms;
  for (const pair of related) if (!terms.includes(pair.parent)) terms.push(pair.parent);
  return terms;
}

function listed(items: readonly string[], max: number): string {
  const more = items.length - max;
  return `${items.slice(0, max).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

export function relatedPhrase(aspect: Aspect, pair: RelatedTerm): string {
  if (aspect === 'method') return `${pair.own} and ${pair.other} (both ${pair.parent})`;
  if (pair.parent === pair.own) return `${pair.other} (a kind of ${pair.own})`;
  if (pair.parent === pair.other) return `${pair.own} (a kind of ${pair.other})`;
  return `${pair.own} and ${pair.other} (both kinds of ${pair.parent})`;
}

/**
 * One readable sentence:
 * - shared terms: "shared method: A, B" (with "and N more" beyond REASON_MAX_TERMS);
 * - related tasks: "related task: Medical Image Segmentation (a kind of Image Segmentation)",
 *   related methods: "related methods: BERT and RoBERTa (both Autoencoding Transformers)", after
 *   the shared ones when there are both;
 * - neither: the strongest shared words, most informative first: "shared method words: contrastive,
 *   negative, augmentation";
 * - none of these: "no method terms or words in common";
 * - generic: "shared words: …", or "similar overall wording" when no words are given.
 * `sharedWords` is used only where no term is shared or related.
 */
export function reasonFor(aspect: Aspect, shared: readonly string[], sharedWords: readonly string[], related: readonly RelatedTerm[] = []): string {
  if (aspect === 'generic') return sharedWords.length > 0 ? `shared words: ${sharedWords.join(', ')}` : 'similar overall wording';
  const parts: string[] = [];
  if (shared.length > 0) parts.push(`shared ${aspect}: ${listed(shared, REASON_MAX_TERMS)}`);
  if (related.length > 0) {
    const shown = related.slice(0, REASON_MAX_RELATED).map((pair) => relatedPhrase(aspect, pair));
    parts.push(`related ${related.length === 1 ? aspect : `${aspect}s`}: ${shown.join(', ')}`);
  }
  if (parts.length > 0) return parts.join('; ');
  if (sharedWords.length > 0) return `shared ${aspect} words: ${sharedWords.join(', ')}`;
  return `no ${aspect} terms or words in common`;
}
