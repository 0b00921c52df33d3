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
    'problem problems framework model models data dataset datasets benchmark benchmarks evaluation evaluate evaluated outperform outperforms ' +
    'state-of-the-art important importance single simple general generally high higher low lower key main common commonly specific multiple ' +
    'previous previously strong small smaller large larger long short wide widely real world end level way set number range variety type ' +
    'form order case example time need needs remain remains challenge challenges challenging critical crucial issue issue limited limitation ' +
    'typically potential effectively lack despite application applications prior art ability allow allows enable enables obtain obtained ' +
    'achieving leading leverage leverages leveraging lead leads while whereas furthermore moreover additionally specifically particular ' +
    'particularly address addresses aim aims goal focus focuses consider considered consist consists popular standard available art-of-the ' +
    'code publicly release released open source github http https www com org html pdf url ' +
    'superior employ employs employed still future become becomes became like public report reports reported efficacy procedure ' +
    'essential impact impacts resulting ignore ignores covering cover covers reduce reduces reduced reducing apply applying applied ' +
    'paradigm million millions billion billions budget real-world high-quality large-scale quality capability capabilities downstream ' +
    'content toward towards around beyond usually usage useful utilize utilizes utilized employing exhibit exhibits remarkable ' +
    'promising notably considerable substantial substantially superior competitive comparable favorable favourable respectively ' +
    'moreover therefore hence thereby inspired motivated observe observed observation find finds found reveal reveals insight insights ' +
    'conduct conducted comprehensive thorough summary overview survey review discuss discussed highlight highlights validate validated ' +
    'verify verified design designed designs develop developed development built build builds gain gains boost boosts enhance enhanced ' +
    'enhances enhancing help helps aid benefit benefits advantage advantages drawback drawbacks way well-known known ' +
    'four five six seven eight nine ten hundred thousand diverse unified'
  ).split(/\s+/u),
);

const CUES: Record<Exclude<Aspect, 'generic'>, RegExp> = {
  task: /\b(task|problem|challenge|goal|aim|address|tackle|application|applications|focus)\w*/iu,
  method: /\b(propose|introduce|present|method|approach|model|framework|architecture|algorithm|network|loss|training|trained|technique|module)\w*/iu,
  dataset: /\b(dataset|datasets|benchmark|benchmarks|corpus|corpora|experiments?|evaluat\w*|outperform\w*|state-of-the-art|accuracy)\b/iu,
};

/** Words ending in -ly that are nouns, not adverbs ("anomaly", "family"). */
const LY_NOUNS = new Set(['anomaly', 'family', 'assembly', 'monopoly', 'supply', 'reply', 'italy', 'butterfly', 'jelly', 'poly']);

/** Adverbs ("consistently", "subsequently") describe how, never what two papers share. */
function isAdverb(word: string): boolean {
  return word.length > 5 && word.endsWith('ly') && !LY_NOUNS.has(word);
}

/** Lower-case content words of a text, plurals folded ("embeddings" → "embedding"), in order. */
export function evidenceWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu)) {
    let word = match[0].toLowerCase();
    if (word.length < 3 || !/\p{L}/u.test(word) || STOP_WORDS.has(word)) continue;
    if (word.length > 4 && word.endsWith('ies')) word = `${word.slice(0, -3)}y`;
    else if (word.length > 4 && word.endsWith('s') && !/(ss|us|is|ices|ses|xes)$/u.test(word)) word = word.slice(0, -1);
    if (STOP_WORDS.has(word) || isAdverb(word)) continue;
    words.push(word);
  }
  return words;
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}])/u).filter((sentence) => sentence.trim() !== '');
}

/**
 * The words of a paper that speak to `aspect`: the title (titles name the task, the method and
 * often the data), plus for task the first sentence and the sentences with task cues, for method
 * and dataset the sentences with their cues (the whole abstract where none has one); for generic,
 * everything.
 */
export function aspectEvidence(title: string, abstract: string, aspect: Aspect): string[] {
  if (aspect === 'generic') return evidenceWords(`${title}. ${abstract}`);
  const all = sentences(abstract);
  const cued = all.filter((sentence, index) => CUES[aspect].test(sentence) || (aspect === 'task' && index === 0));
  return evidenceWords([title, ...(cued.length > 0 ? cued : all)].join(' '));
}

/**
 * Words in both token lists, most informative first (highest idf, then the order of `aTokens`),
 * each once and one per word family (same first letters), at most `n`; words of weight 0 never.
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
  const chosen: string[] = [];
  for (const entry of shared.filter((item) => item.weight > 0).sort((a, b) => b.weight - a.weight || a.order - b.order)) {
    if (chosen.length >= n) break;
    // One form per word family: "matrices" beside "matrix" adds nothing.
    if (chosen.some((word) => sameFamily(word, entry.word))) continue;
    chosen.push(entry.word);
  }
  return chosen;
}

/** Same first letters, up to seven and all but the last of the shorter word: matrix ~ matrices, transfer ≁ transformer. */
function sameFamily(a: string, b: string): boolean {
  const stem = Math.min(7, Math.min(a.length, b.length) - 1);
  return stem >= 4 && a.slice(0, stem) === b.slice(0, stem);
}

export interface WordFrequencies {
  documents: number;
  minDocuments: number;
  counts: Readonly<Record<string, number>>;
}

/**
 * Share of documents above which a word is too common to explain anything ("network", "image" in
 * ML abstracts): it weighs nothing, so it is never named. Chosen by reading seed-page reasons.
 */
export const MAX_DOCUMENT_SHARE = 0.08;

/**
 * Smoothed idf, log((N + 1) / (df + 1)); a word too rare to be listed counts as seen in half the
 * listing threshold. Words in more than `maxShare` of the documents weigh nothing.
 */
export function idfFrom(frequencies: WordFrequencies, maxShare = MAX_DOCUMENT_SHARE): (token: string) => number {
  const { documents, minDocuments, counts } = frequencies;
  return (token) => {
    const df = Object.hasOwn(counts, token) ? counts[token]! : minDocuments / 2;
    return df > documents * maxShare ? 0 : Math.log((documents + 1) / (df + 1));
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
