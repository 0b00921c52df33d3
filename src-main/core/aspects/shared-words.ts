/**
 * The strongest words two papers share in the evidence for one aspect: what a neighbour's reason
 * names when the papers share no tagged term.
 *
 * Evidence is the part of title + abstract that speaks to the aspect (aspectEvidence): sentences
 * with task, method or dataset cue words, or the whole text where none has them. Words are lower
 * case, a plural "s" folded, stop words and the cue words themselves left out. How informative a
 * word is comes from an inverse document frequency the caller supplies: the library's own where
 * one is kept, else the committed word-frequencies.json (train-split leaderboard abstracts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Aspect } from '../../common/contract.ts';
import { DEFAULT_ASPECTS_DIR } from './lexicon.ts';

/** How many shared words a reason names. */
export const REASON_MAX_WORDS = 3;

/** Function words and the scholarly boilerplate of abstracts: shared by nearly any two papers. */
const STOP_WORDS = new Set(
  (
    'about above across after again against all also although among an and another any are as at be because been before being below between both but by can could did do does doing done due during each either et etc even ever every few for from further given had has have having here how however if in into is it its itself just less many may might more most much must new no nor not now of off often on once one only or other others our ours out over own per rather same several should show shows shown since so some such than that the their them then there these they this those though three through thus to too two under until up upon us use used uses using very via was we well were what when where whether which while who whom whose why will with within without would yet ' +
    'paper propose proposed proposes present presents presented introduce introduces introduced approach approaches method methods ' +
    'result results work works novel state art based existing recent recently study studies demonstrate demonstrates significant ' +
    'significantly improve improves improved improvement performance better best first large various different extensive experiment ' +
    'experiments experimental achieve achieves achieved effective efficient able make makes provide provides including include task tasks ' +
    'problem problems framework model models data dataset datasets benchmark benchmarks evaluation evaluate evaluated outperform outperforms'
  ).split(/\s+/u),
);

const CUES: Record<Exclude<Aspect, 'generic'>, RegExp> = {
  task: /\b(task|problem|challenge|goal|aim|address|tackle|application|applications|focus)\w*/iu,
  method: /\b(propose|introduce|present|method|approach|model|framework|architecture|algorithm|network|loss|training|trained|technique|module)\w*/iu,
  dataset: /\b(dataset|datasets|benchmark|benchmarks|corpus|corpora|experiments?|evaluat\w*|outperform\w*|state-of-the-art|accuracy)\b/iu,
};

/** Lower-case content words of a text, plurals folded ("embeddings" → "embedding"), in order. */
export function evidenceWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu)) {
    let word = match[0].toLowerCase();
    if (word.length < 3 || !/\p{L}/u.test(word) || STOP_WORDS.has(word)) continue;
    if (word.length > 4 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) word = word.slice(0, -1);
    if (STOP_WORDS.has(word)) continue;
    words.push(word);
  }
  return words;
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}])/u).filter((sentence) => sentence.trim() !== '');
}

/**
 * The words of a paper that speak to `aspect`: for task, the title and the sentences with task
 * cues (the first sentence when none has one); for method and dataset, the sentences with their
 * cues, else the whole text; for generic, everything.
 */
export function aspectEvidence(title: string, abstract: string, aspect: Aspect): string[] {
  if (aspect === 'generic') return evidenceWords(`${title}. ${abstract}`);
  const all = sentences(abstract);
  let chosen = all.filter((sentence) => CUES[aspect].test(sentence));
  if (aspect === 'task') {
    if (chosen.length === 0) chosen = all.slice(0, 1);
    chosen = [title, ...chosen];
  } else if (chosen.length === 0) chosen = [title, ...all];
  return evidenceWords(chosen.join(' '));
}

/**
 * Words in both token lists, most informative first (highest idf, then the order of `aTokens`),
 * each once, at most `n`.
 */
export function strongestSharedWords(aTokens: readonly string[], bTokens: readonly string[], idf: (token: string) => number, n: number): string[] {
  const other = new Set(bTokens);
  const seen = new Set<string>();
  const shared: Array<{ word: string; weight: number; order: number }> = [];
  for (const token of aTokens) {
    if (seen.has(token) || !other.has(token)) continue;
    seen.add(token);
    shared.push({ word: token, weight: idf(token), order: shared.length });
  }
  return shared
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .slice(0, n)
    .map((entry) => entry.word);
}

export interface WordFrequencies {
  documents: number;
  minDocuments: number;
  counts: Readonly<Record<string, number>>;
}

/**
 * Smoothed idf, log((N + 1) / (df + 1)); a word too rare to be listed counts as seen in half the
 * listing threshold. Words in more than half the documents weigh nothing.
 */
export function idfFrom(frequencies: WordFrequencies): (token: string) => number {
  const { documents, minDocuments, counts } = frequencies;
  return (token) => {
    const df = Object.hasOwn(counts, token) ? counts[token]! : minDocuments / 2;
    return df > documents / 2 ? 0 : Math.log((documents + 1) / (df + 1));
  };
}

export async function loadWordFrequencies(aspectsDir = DEFAULT_ASPECTS_DIR): Promise<WordFrequencies> {
  const file = path.join(aspectsDir, 'word-frequencies.json');
  let value: unknown;
  try {
    value = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read word frequencies ${file}: ${(error as Error).message}`);
  }
  const record = value as Partial<WordFrequencies> | null;
  if (!record || typeof record.documents !== 'number' || typeof record.minDocuments !== 'number' || typeof record.counts !== 'object' || record.counts === null) {
    throw new Error(`word frequencies ${file}: expected documents, minDocuments and counts`);
  }
  return { documents: record.documents, minDocuments: record.minDocuments, counts: record.counts };
}
