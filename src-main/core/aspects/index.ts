/** Public API of the aspect module: tagger, derived method labels, shared-term reasons, matcher. */
export { AspectTagger } from './tagger.ts';
export { deriveMethodLabels, loadMethodLexicon, buildMethodLexicon, methodMentions, GENERIC_METHODS } from './method-labels.ts';
export type { MethodLexicon, MethodMention } from './method-labels.ts';
export { sharedTerms, reasonFor, REASON_MAX_TERMS } from './reason.ts';
export { DEFAULT_ASPECTS_DIR, loadAspectNameLists } from './lexicon.ts';
export type { AspectNameLists, MethodRecord, DatasetRecord } from './lexicon.ts';
export { PhraseMatcher, tokenize, prepareSegment, selectLongest } from './matcher.ts';
export type { Token, PhraseMatch, Segment } from './matcher.ts';
