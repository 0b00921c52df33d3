/**
 * Task and dataset names for the tagger, in one phrase matcher (the same matcher class that finds
 * methods). Papers-with-Code task and dataset names are mostly multi-word phrases or distinctive
 * identifiers, but the lists also hold ordinary words ("Retrieval", "Places", "RACE"); these rules
 * keep such names from firing on ordinary prose:
 *
 * - A task name of one plain word counts only if it is in SINGLE_WORD_TASKS or is a rare word that
 *   reads like an activity (-tion, -ing, -sis, -ment): "Lemmatization" yes, "Classification" (far
 *   too broad to say what a paper is about) and "Philosophy" (an exam subject in the list) no.
 * - A dataset name of one plain word that is also a common word ("Places", "Atlas") counts only
 *   when written capitalised in mid-sentence of ordinary text; if the name itself is lower case
 *   ("custom", "cars") it never counts.
 * - Acronyms must match with exact case. Acronyms that are also words (RACE, DROP, SCAN) do not
 *   count in text written mostly in capitals. Acronyms of two characters or fewer never count alone.
 * - GENERIC_TASKS (Deep Learning, Machine Learning) are not tagged: they name a field.
 * - A dataset spelling that is also a method name is dropped for the dataset ("SGD" is the optimiser
 *   far more often than the dialogue set); one that is also a task spelling is dropped unless it is
 *   the dataset's own one-token name (TriviaQA is listed as both; "NER" and "Visual Question
 *   Answering" are tasks first). NOT_DATASET_MENTIONS (GitHub) are never tagged. Variants that only make sense beside the
 *   dataset's name ("Supervised:", "Medical domain") are not used (standsAlone).
 * - A task's parenthetical acronym is an extra name: "Named Entity Recognition (NER)" also matches
 *   "NER". Dataset variants count as their dataset, and a variant's base name is added
 *   ("COCO test-dev" → "COCO", "Set5 - 4x upscaling" → "Set5").
 */
import type { DatasetRecord } from './lexicon.ts';
import type { PhraseMatch, Segment } from './matcher.ts';
import { PhraseMatcher, selectLongest, tokenize } from './matcher.ts';
import { classifySurface, surfaceVariants, tokenCaseOf, tokenCasesOf } from './surface-rules.ts';

export type TermAspect = 'task' | 'dataset';
export type TermRule = 'plain' | 'capitalised-word' | 'not-shouted';

export interface TermPhrase {
  aspect: TermAspect;
  /** The canonical name reported for any spelling of this term. */
  name: string;
  rule: TermRule;
}

/** Single-word task names specific enough to say what a paper does. */
export const SINGLE_WORD_TASKS: ReadonlySet<string> = new Set([
  'Binarization', 'Chunking', 'Colorization', 'Deblurring', 'Denoising', 'Disentanglement', 'Imputation',
  'Pansharpening', 'Quantization', 'Reranking', 'Summarization', 'Translation', 'Transliteration',
]);

/** Task-list entries that name a whole field rather than a task: they would tag nearly every paper. */
export const GENERIC_TASKS: ReadonlySet<string> = new Set(['Artificial Intelligence', 'Deep Learning', 'Machine Learning']);

/** Listed as datasets but nearly always mentioned for another reason ("code is on GitHub"). */
export const NOT_DATASET_MENTIONS: ReadonlySet<string> = new Set(['GitHub']);

/** One token of 4+ characters (TriviaQA, MMLU, GSM8K): a dataset's own name even if listed as a task too. */
function isIdentifierName(name: string): boolean {
  const tokens = tokenize(name);
  return tokens.length === 1 && tokens[0]!.surface.length >= 4;
}

const ACTIVITY_SUFFIX = /(tion|ing|sis|ment)$/u;
/** Benchmark split words that follow a dataset's name in leaderboard variants. */
const SPLIT_WORDS = new Set(['test', 'val', 'validation', 'dev', 'testdev', 'minival', 'train', 'eval', 'full']);

interface Spelling {
  surface: string;
  rule: TermRule;
}

/**
 * The rule for one spelling, or null when it must not be matched at all. Shared by tasks and
 * datasets; `singleWordOk` says whether a one-word plain name of this aspect may count.
 */
function spellingRule(surface: string, commonWords: ReadonlySet<string>, singleWordOk: (word: string) => TermRule | null): TermRule | null {
  const tokens = tokenize(surface);
  if (tokens.length === 0) return null;
  if (!tokens.some((token) => /\p{L}/u.test(token.surface))) return null;
  if (tokens.length > 1) return 'plain';
  const only = tokens[0]!.surface;
  if (tokenCaseOf(only, commonWords) === 'exact') {
    const surfaceClass = classifySurface(only, commonWords);
    if (only.length <= 2) return null;
    return surfaceClass === 'word-acronym' || commonWords.has(only.toLowerCase()) ? 'not-shouted' : 'plain';
  }
  if (/\p{N}/u.test(only) || /\p{Lu}/u.test(only.slice(1))) return 'plain';
  return singleWordOk(only);
}

function taskSingleWord(commonWords: ReadonlySet<string>) {
  return (word: string): TermRule | null => {
    if (SINGLE_WORD_TASKS.has(word)) return 'plain';
    return !commonWords.has(word.toLowerCase()) && ACTIVITY_SUFFIX.test(word.toLowerCase()) ? 'plain' : null;
  };
}

function datasetSingleWord(commonWords: ReadonlySet<string>) {
  return (word: string): TermRule | null => {
    if (!commonWords.has(word.toLowerCase())) return 'plain';
    return /^\p{Lu}/u.test(word) ? 'capitalised-word' : null;
  };
}

/** The acronym in "Named Entity Recognition (NER)", or null for other parentheticals ("(Few-Shot)"). */
export function taskAcronym(task: string, commonWords: ReadonlySet<string>): string | null {
  const parenthetical = /\(([^()]+)\)\s*$/u.exec(task)?.[1]?.trim();
  if (!parenthetical || tokenize(parenthetical).length !== 1) return null;
  return tokenCaseOf(parenthetical, commonWords) === 'exact' ? parenthetical : null;
}

export function taskSpellings(task: string, commonWords: ReadonlySet<string>): Spelling[] {
  // A setting in parentheses ("Reading Comprehension (Few-Shot)") is part of the task: the plain
  // phrase does not imply it, so only an acronym in parentheses yields extra spellings.
  const acronym = taskAcronym(task, commonWords);
  const surfaces = new Set(surfaceVariants(task, { dropParenthetical: acronym !== null }));
  if (acronym) surfaces.add(acronym);
  const single = taskSingleWord(commonWords);
  const spellings: Spelling[] = [];
  for (const surface of surfaces) {
    const rule = spellingRule(surface, commonWords, single);
    if (rule) spellings.push({ surface, rule });
  }
  return spellings;
}

/**
 * "COCO test-dev" → "COCO"; "Set5 - 4x upscaling" → "Set5"; "CIFAR-10, 4000 Labels" → "CIFAR-10";
 * "Mini-Imagenet 5-way (1-shot)" → "Mini-Imagenet".
 */
export function datasetBaseName(variant: string): string {
  const head = variant.split(/\s+-\s+|,|\(/u)[0]!.trim();
  const words = head.split(/\s+/u);
  const isSetting = (word: string) => SPLIT_WORDS.has(word.toLowerCase().replace(/-/gu, '')) || /^\d+-(way|shot)$/iu.test(word);
  while (words.length > 1 && isSetting(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/**
 * Some listed variants only make sense beside the dataset's name ("Supervised:", "Medical domain"
 * under a WSD benchmark). A variant is a name of its own only if it shares a word with the dataset's
 * name ("MS COCO" for COCO) or is an acronym that is not a common word ("PTB").
 */
function standsAlone(variant: string, dataset: DatasetRecord, commonWords: ReadonlySet<string>): boolean {
  const nameKeys = new Set(tokenize(dataset.name).map((token) => token.key));
  const tokens = tokenize(variant);
  if (tokens.some((token) => nameKeys.has(token.key))) return true;
  const only = tokens.length === 1 ? tokens[0]!.surface : '';
  return only.length >= 3 && tokenCaseOf(only, commonWords) === 'exact' && !commonWords.has(only.toLowerCase());
}

export function datasetSpellings(dataset: DatasetRecord, commonWords: ReadonlySet<string>): Spelling[] {
  const surfaces = new Set<string>();
  const names = [dataset.name, ...dataset.variants.filter((variant) => standsAlone(variant, dataset, commonWords))];
  for (const name of names) {
    for (const variant of surfaceVariants(name)) surfaces.add(variant);
    const base = datasetBaseName(name);
    if (base !== '' && base !== name) surfaces.add(base);
  }
  const single = datasetSingleWord(commonWords);
  const spellings: Spelling[] = [];
  for (const surface of surfaces) {
    const rule = spellingRule(surface, commonWords, single);
    if (rule) spellings.push({ surface, rule });
  }
  return spellings;
}

export interface TermLexicon {
  readonly matcher: PhraseMatcher<TermPhrase>;
}

function spellingKey(surface: string): string {
  return tokenize(surface)
    .map((token) => token.key)
    .join(' ');
}

/**
 * The list holds both "Reinforcement Learning" and "Reinforcement Learning (RL)". Both must report
 * one name, or a paper saying "RL" and one saying "reinforcement learning" would share no task.
 * The form with the acronym wins (Papers with Code's own labels use it: "Named Entity Recognition (NER)"),
 * and a task listed as the bare acronym ("NER") reports that name too.
 */
export function canonicalTaskNames(tasks: readonly string[], commonWords: ReadonlySet<string>): Map<string, string> {
  const byKey = new Map<string, string>();
  const keyOf = (task: string) => spellingKey(taskAcronym(task, commonWords) ? task.replace(/\s*\([^()]*\)\s*$/u, '') : task);
  for (const task of tasks) {
    const key = keyOf(task);
    const current = byKey.get(key);
    if (current === undefined || (!taskAcronym(current, commonWords) && taskAcronym(task, commonWords))) byKey.set(key, task);
  }
  // A task listed as a bare acronym ("NER") joins the task that acronym abbreviates.
  for (const task of tasks) {
    const acronym = taskAcronym(task, commonWords);
    if (acronym) byKey.set(spellingKey(acronym), byKey.get(keyOf(task))!);
  }
  return new Map(tasks.map((task) => [task, byKey.get(keyOf(task))!]));
}

export function buildTermLexicon(
  tasks: readonly string[],
  datasets: readonly DatasetRecord[],
  commonWords: ReadonlySet<string>,
  methodNames: readonly string[] = [],
): TermLexicon {
  const matcher = new PhraseMatcher<TermPhrase>();
  const methodKeys = new Set(methodNames.map(spellingKey));
  const taskKeys = new Set<string>();
  const canonical = canonicalTaskNames(tasks, commonWords);
  for (const task of tasks) {
    if (GENERIC_TASKS.has(task)) continue;
    const spellings = taskSpellings(task, commonWords);
    for (const { surface } of spellings) taskKeys.add(spellingKey(surface));
    for (const { surface, rule } of spellings) {
      const name = canonical.get(task) ?? task;
      matcher.add(surface, { aspect: 'task', name, rule }, rule === 'capitalised-word' ? 'exact' : tokenCasesOf(surface, commonWords));
    }
  }
  for (const dataset of datasets) {
    if (NOT_DATASET_MENTIONS.has(dataset.name)) continue;
    const ownName = spellingKey(dataset.name);
    for (const { surface, rule } of datasetSpellings(dataset, commonWords)) {
      const key = spellingKey(surface);
      if (methodKeys.has(key) || (taskKeys.has(key) && !(key === ownName && isIdentifierName(dataset.name)))) continue;
      matcher.add(surface, { aspect: 'dataset', name: dataset.name, rule }, rule === 'capitalised-word' ? 'exact' : tokenCasesOf(surface, commonWords));
    }
  }
  return { matcher };
}

export interface TermMention {
  aspect: TermAspect;
  name: string;
  segment: number;
  start: number;
}

function allowed(match: PhraseMatch<TermPhrase>, segment: Segment): boolean {
  switch (match.entry.payload.rule) {
    case 'plain':
      return true;
    case 'not-shouted':
      return !segment.shouted;
    case 'capitalised-word':
      return !segment.capitalised && !segment.tokens[match.start]!.sentenceInitial;
  }
}

function spelledAsName(match: PhraseMatch<TermPhrase>): boolean {
  const name = tokenize(match.entry.payload.name).map((token) => token.key);
  return name.length === match.entry.tokens.length && match.entry.tokens.every((token, index) => token.toLowerCase() === name[index]);
}

/**
 * Where several names share one matched span ("COCO" is a dataset and the base of "COCO test-dev"),
 * the name spelled exactly as matched wins, then the shortest name, then the first listed.
 */
function isPreferred(match: PhraseMatch<TermPhrase>, chosen: readonly PhraseMatch<TermPhrase>[]): boolean {
  const rivals = chosen.filter((other) => other.start === match.start && other.end === match.end);
  if (rivals.length === 1) return true;
  const score = (candidate: PhraseMatch<TermPhrase>) => [Number(!spelledAsName(candidate)), candidate.entry.payload.name.length];
  let best = rivals[0]!;
  for (const rival of rivals.slice(1)) {
    const [a0, a1] = score(rival);
    const [b0, b1] = score(best);
    if (a0! < b0! || (a0 === b0 && a1! < b1!)) best = rival;
  }
  return best === match;
}

/**
 * Task and dataset mentions per aspect, in order of first appearance, each name once. Overlaps
 * resolve leftmost-longest within an aspect ("Mini-ImageNet" beats "ImageNet"), independently per
 * aspect (a phrase may name both a task and a dataset).
 */
export function termMentions(segments: readonly Segment[], lexicon: TermLexicon): TermMention[] {
  const mentions: TermMention[] = [];
  const seen = new Set<string>();
  segments.forEach((segment, segmentIndex) => {
    const accepted = lexicon.matcher.findAll(segment.tokens).filter((match) => allowed(match, segment));
    for (const aspect of ['task', 'dataset'] as const) {
      const chosen = selectLongest(accepted.filter((match) => match.entry.payload.aspect === aspect));
      for (const match of chosen) {
        if (!isPreferred(match, chosen)) continue;
        const key = `${aspect}\u0000${match.entry.payload.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        mentions.push({ aspect, name: match.entry.payload.name, segment: segmentIndex, start: segment.tokens[match.start]!.start });
      }
    }
  });
  return mentions;
}
