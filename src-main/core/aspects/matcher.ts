/**
 * One phrase matcher for every aspect name list (methods, tasks, datasets): a token trie over a
 * normalised token stream. Derived method labels and the aspect tagger both use it, so a name is
 * found the same way in training labels and in the app.
 *
 * Tokens are runs of letters/digits, plus `+` and `#` as tokens of their own (UNet++, C#).
 * Everything else (spaces, hyphens, dots, brackets) separates tokens, so "CIFAR-10", "CIFAR 10"
 * and the pre-tokenised "CIFAR - 10" are the same token sequence. Each token is compared by its
 * key (lower case, accents removed) unless the phrase asked for exact case on that token.
 */

export interface Token {
  /** The token as written. */
  surface: string;
  /** Lower case, diacritics removed: what the trie is keyed on. */
  key: string;
  /** Character offsets in the text: [start, end). */
  start: number;
  end: number;
  /** First token of the text or of a sentence (after . ! ? possibly followed by quotes/brackets). */
  sentenceInitial: boolean;
}

const TOKEN_PATTERN = /[\p{L}\p{N}]+|[+#]/gu;
const DIACRITICS = /\p{M}+/gu;

const ASCII_ONLY = /^[ -~]*$/;

export function tokenKey(surface: string): string {
  // Most tokens are ASCII: skip Unicode normalisation for them (it dominates tagging time otherwise).
  if (ASCII_ONLY.test(surface)) return surface.toLowerCase();
  return surface.normalize('NFKD').replace(DIACRITICS, '').toLowerCase();
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const start = match.index;
    const gap = text.slice(previousEnd, start);
    // Sentence start: nothing before it, or the gap holds a sentence-ending mark.
    const sentenceInitial = tokens.length === 0 || /[.!?]/.test(gap);
    tokens.push({ surface: match[0], key: tokenKey(match[0]), start, end: start + match[0].length, sentenceInitial });
    previousEnd = start + match[0].length;
  }
  return tokens;
}

/**
 * How one token of a phrase must be written in the text.
 * - 'any': compared by key (case- and accent-insensitive).
 * - 'exact': the text's token must equal the phrase's token character for character (acronyms).
 */
export type TokenCase = 'any' | 'exact';

export interface PhraseEntry<T> {
  payload: T;
  /** The phrase's tokens as written in the name list. */
  tokens: readonly string[];
  tokenCase: readonly TokenCase[];
}

export interface PhraseMatch<T> {
  entry: PhraseEntry<T>;
  /** Token span [start, end) in the token array that was matched. */
  start: number;
  end: number;
  /** True when the last token matched through a plural ending (GANs, Gaussian Processes). */
  plural: boolean;
}

interface TrieNode<T> {
  children: Map<string, TrieNode<T>>;
  entries: PhraseEntry<T>[];
}

function newNode<T>(): TrieNode<T> {
  return { children: new Map(), entries: [] };
}

/**
 * Singular forms a plural token may stand for: -s, -es, -ies → -y. Only lower-case endings count,
 * so "MAS" is never read as the plural of an acronym "MA", while "GANs" and "CNNs" are.
 * Returns [stem key, number of surface characters that form the ending, replacement].
 */
const NO_SINGULARS: Array<{ key: string; cut: number; add: string }> = [];

function singularCandidates(token: Token): Array<{ key: string; cut: number; add: string }> {
  const { surface, key } = token;
  // Most tokens do not end in "s": share one empty result instead of allocating.
  if (surface.length < 3 || !surface.endsWith('s')) return NO_SINGULARS;
  const out: Array<{ key: string; cut: number; add: string }> = [];
  if (surface.endsWith('ies') && surface.length > 4) out.push({ key: key.slice(0, -3) + 'y', cut: 3, add: 'y' });
  if (surface.endsWith('es') && surface.length > 3) out.push({ key: key.slice(0, -2), cut: 2, add: '' });
  if (surface.endsWith('s') && !surface.endsWith('ss')) out.push({ key: key.slice(0, -1), cut: 1, add: '' });
  return out;
}

function tokenAgrees(expected: string, tokenCase: TokenCase, written: string): boolean {
  return tokenCase === 'any' ? tokenKey(expected) === tokenKey(written) : expected === written;
}

export class PhraseMatcher<T> {
  private readonly root: TrieNode<T> = newNode();
  private phraseCount = 0;

  get size(): number {
    return this.phraseCount;
  }

  /**
   * Adds a phrase. `tokenCase` is decided per token by the caller (see surface-rules.ts); it may be
   * a single value for all tokens. Returns false (and adds nothing) for a phrase without tokens.
   */
  add(phrase: string, payload: T, tokenCase: TokenCase | readonly TokenCase[]): boolean {
    const tokens = tokenize(phrase).map((token) => token.surface);
    if (tokens.length === 0) return false;
    const cases = typeof tokenCase === 'string' ? tokens.map(() => tokenCase) : tokenCase;
    if (cases.length !== tokens.length) {
      throw new Error(`phrase "${phrase}" has ${tokens.length} tokens but ${cases.length} token-case rules`);
    }
    let node = this.root;
    for (const token of tokens) {
      const key = tokenKey(token);
      let child = node.children.get(key);
      if (!child) {
        child = newNode();
        node.children.set(key, child);
      }
      node = child;
    }
    node.entries.push({ payload, tokens, tokenCase: cases });
    this.phraseCount += 1;
    return true;
  }

  /** Every phrase occurrence in the token stream, including overlapping and nested ones. */
  findAll(tokens: readonly Token[]): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    // Plural stems depend only on the token: compute them once, not once per phrase start.
    const singulars = tokens.map(singularCandidates);
    for (let start = 0; start < tokens.length; start += 1) {
      let node: TrieNode<T> | undefined = this.root;
      for (let index = start; index < tokens.length && node; index += 1) {
        const token = tokens[index]!;
        // A plural may only end a phrase: try singular stems that are phrase ends here.
        for (const candidate of singulars[index]!) {
          const stemNode = node.children.get(candidate.key);
          if (!stemNode || stemNode.entries.length === 0) continue;
          const writtenStem = token.surface.slice(0, -candidate.cut) + candidate.add;
          for (const entry of stemNode.entries) {
            if (this.agrees(entry, tokens, start, index, writtenStem)) {
              matches.push({ entry, start, end: index + 1, plural: true });
            }
          }
        }
        node = node.children.get(token.key);
        if (!node) break;
        for (const entry of node.entries) {
          if (this.agrees(entry, tokens, start, index, token.surface)) {
            matches.push({ entry, start, end: index + 1, plural: false });
          }
        }
      }
    }
    return matches;
  }

  private agrees(entry: PhraseEntry<T>, tokens: readonly Token[], start: number, last: number, lastWritten: string): boolean {
    for (let offset = 0; offset < entry.tokens.length; offset += 1) {
      const written = start + offset === last ? lastWritten : tokens[start + offset]!.surface;
      if (!tokenAgrees(entry.tokens[offset]!, entry.tokenCase[offset]!, written)) return false;
    }
    return true;
  }
}

/**
 * Leftmost-longest selection: scanning left to right, keep the longest accepted match starting at
 * each position and skip the tokens it covers. "Graph Convolutional Network" then wins over the
 * "Convolutional Network" inside it. Matches of equal span are all kept (several payloads may share
 * a phrase; callers decide).
 */
export function selectLongest<T>(matches: readonly PhraseMatch<T>[]): PhraseMatch<T>[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: PhraseMatch<T>[] = [];
  let coveredUntil = 0;
  let lastStart = -1;
  let lastEnd = -1;
  for (const match of sorted) {
    if (match.start === lastStart && match.end === lastEnd) {
      kept.push(match);
      continue;
    }
    if (match.start < coveredUntil) continue;
    kept.push(match);
    lastStart = match.start;
    lastEnd = match.end;
    coveredUntil = match.end;
  }
  return kept;
}

/**
 * True for text written in Title Case (most titles; all-caps text is isShoutedText): capitalisation
 * there says nothing about whether a word is a name, so rules that rely on capitals skip such text.
 * Needs at least three words to judge.
 */
export function isCapitalisedText(tokens: readonly Token[]): boolean {
  let words = 0;
  let capitalised = 0;
  for (const token of tokens) {
    // Words of 4+ letters; acronyms (all capitals) are capitalised in any text, so they do not count.
    if (token.surface.length < 4 || !/^\p{L}/u.test(token.surface) || token.surface === token.surface.toUpperCase()) continue;
    words += 1;
    if (/^\p{Lu}/u.test(token.surface)) capitalised += 1;
  }
  return words >= 3 && capitalised / words >= 0.6;
}

/** True for text mostly in capitals ("DEEP LEARNING FOR ..."): there even acronyms lose their signal. */
export function isShoutedText(tokens: readonly Token[]): boolean {
  let words = 0;
  let upper = 0;
  for (const token of tokens) {
    if (token.surface.length < 2 || !/^\p{L}+$/u.test(token.surface)) continue;
    words += 1;
    if (token.surface === token.surface.toUpperCase()) upper += 1;
  }
  return words >= 3 && upper / words >= 0.6;
}

/**
 * A piece of text (title or abstract) tokenised once, with the facts the context rules need. The
 * capitalisation facts are computed on first use only: most texts never need them.
 */
export class Segment {
  readonly tokens: Token[];
  private capitalisedValue: boolean | undefined;
  private shoutedValue: boolean | undefined;

  constructor(readonly text: string) {
    this.tokens = tokenize(text);
  }

  /** Title Case: capitalisation says nothing here. */
  get capitalised(): boolean {
    this.capitalisedValue ??= isCapitalisedText(this.tokens);
    return this.capitalisedValue;
  }

  /** Mostly capitals: acronyms that are also words cannot be told apart here. */
  get shouted(): boolean {
    this.shoutedValue ??= isShoutedText(this.tokens);
    return this.shoutedValue;
  }
}

export function prepareSegment(text: string): Segment {
  return new Segment(text);
}
