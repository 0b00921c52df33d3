/** Public API of the aspect module: tagger, derived method labels, shared-term reasons, matcher. */
export { AspectTagger } from './tagger.ts';
export { deriveMethodLabels, loadMethodLexicon, buildMethodLexicon, methodMentions, GENERIC_METHODS } from './method-labels.ts';
export type { MethodLexicon, MethodMention } from './method-labels.ts';
export { sharedTerms, relatedTerms, termsInCommon, reasonFor, REASON_MAX_TERMS, REASON_MAX_RELATED } from './reason.ts';
export { NeighbourExplainer, lazyExplainer } from './neighbour-reason.ts';
export type { ComparedPaper, NeighbourExplanation } from './neighbour-reason.ts';
export { strongestSharedWords, aspectEvidence, evidenceWords, idfFrom, loadWordFrequencies, REASON_MAX_WORDS } from './shared-words.ts';
export type { WordFrequencies } from './shared-words.ts';
export { TermFolding, DATASET_ALIASES, BUILDING_BLOCK_COLLECTIONS, foldKey, titleCase } from './term-folding.ts';
export type { RelatedTask, RelatedTerm } from './term-folding.ts';
export { DEFAULT_ASPECTS_DIR, loadAspectNameLists } from './lexicon.ts';
export type { AspectNameLists, MethodRecord, DatasetRecord } from './lexicon.ts';
export { PhraseMatcher, tokenize, prepareSegment, selectLongest } from './matcher.ts';
export type { Token, PhraseMatch, Segment } from './matcher.ts';
