/**
 * The one tokenizer of Facet's aspect model. Training (tools/model/tokenize-lsa.ts writes the
 * corpus tokens the Python model builder fits its vocabulary on) and inference (the ONNX embedder
 * and the lexical index) both call this module, so a text always maps to the same tokens everywhere.
 *
 * Normalisation, in order:
 *   1. Unicode NFKC (ligatures, full-width forms and compatibility characters fold to plain ones);
 *   2. lower-casing;
 *   3. format characters (Unicode Cf: soft hyphen, zero-width space/joiners, BOM) are deleted, so a
 *      word broken by a soft hyphen stays one word;
 *   4. control characters (Unicode Cc: tabs, newlines, NUL, ...) become a space, so they separate words.
 * Tokens are maximal runs of letters, combining marks and digits (Unicode classes L, M, N). Everything
 * else (punctuation, symbols, whitespace) separates tokens and is dropped.
 *
 * Ids: 0 is padding, 1 is an unknown token, 2.. are the vocabulary's tokens in file order.
 */
import { readFileSync } from 'node:fs';

export const PAD_ID = 0;
export const UNKNOWN_ID = 1;
/** The first two lines of a vocabulary file stand for the reserved ids. */
export const PAD_TOKEN = '<pad>';
export const UNKNOWN_TOKEN = '<unk>';

const FORMAT_CHARS = /\p{Cf}/gu;
const CONTROL_CHARS = /\p{Cc}/gu;
const TOKEN_RUN = /[\p{L}\p{M}\p{N}]+/gu;
// Fast path for pure ASCII (most digests): NFKC is the identity there, there are no format
// characters, the control characters are U+0000-U+001F and U+007F, and after lower-casing the
// letters, marks and digits are exactly [a-z0-9]. Same result as the general path, several times faster.
// eslint-disable-next-line no-control-regex -- the ASCII range includes its control characters on purpose
const ASCII_ONLY = /^[\x00-\x7f]*$/;
// eslint-disable-next-line no-control-regex -- these are the control characters being replaced
const ASCII_CONTROL_CHARS = /[\x00-\x1f\x7f]/g;
const ASCII_TOKEN_RUN = /[a-z0-9]+/g;

/** Applies steps 1-4 above. Exported so tools can write normalised text. */
export function normalizeText(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase().replace(ASCII_CONTROL_CHARS, ' ');
  return text.normalize('NFKC').toLowerCase().replace(FORMAT_CHARS, '').replace(CONTROL_CHARS, ' ');
}

/** Normalises `text` and splits it into tokens (strings), in order. */
export function tokenize(text: string): string[] {
  if (ASCII_ONLY.test(text)) return text.toLowerCase().match(ASCII_TOKEN_RUN) ?? [];
  return normalizeText(text).match(TOKEN_RUN) ?? [];
}

export interface Encoded {
  /** Token ids in text order: the title's tokens, then the abstract's. Never longer than maxTokens. */
  ids: number[];
  /** True when tokens beyond maxTokens were dropped. */
  truncated: boolean;
  /** Number of tokens before truncation (known and unknown). */
  tokenCount: number;
}

/** FNV-1a over UTF-16 code units; the ASCII scanner computes it while reading, without slicing. */
function hashToken(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Tokenizer {
  // Lookup for the general (non-ASCII) path: a prototype-less object, which V8 searches faster than a Map.
  private readonly idsByToken: Record<string, number>;
  // Open-addressing table for the ASCII scanner: slot -> id (0 = empty), keyed by hashToken.
  private readonly slots: Int32Array;
  private readonly slotMask: number;

  /** `tokens[i]` has id i; tokens[0] and tokens[1] must be the reserved padding and unknown markers. */
  constructor(readonly tokens: readonly string[]) {
    if (tokens[PAD_ID] !== PAD_TOKEN || tokens[UNKNOWN_ID] !== UNKNOWN_TOKEN) {
      throw new Error(`vocabulary must start with the lines "${PAD_TOKEN}" and "${UNKNOWN_TOKEN}"`);
    }
    this.idsByToken = Object.create(null) as Record<string, number>;
    let size = 1024;
    while (size < tokens.length * 4) size *= 2;
    this.slots = new Int32Array(size);
    this.slotMask = size - 1;
    for (let id = 2; id < tokens.length; id++) {
      const token = tokens[id] as string;
      if (token === '' || token === PAD_TOKEN || token === UNKNOWN_TOKEN) throw new Error(`vocabulary line ${id + 1} is empty or a reserved marker`);
      if (this.idsByToken[token] !== undefined) throw new Error(`vocabulary token "${token}" repeats (line ${id + 1})`);
      this.idsByToken[token] = id;
      let slot = hashToken(token) & this.slotMask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.slotMask;
      this.slots[slot] = id;
    }
  }

  /** Reads a vocabulary file: one token per line, line n (1-based) holding the token with id n-1. */
  static fromFile(path: string): Tokenizer {
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    try {
      return new Tokenizer(lines);
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
    }
  }

  get size(): number {
    return this.tokens.length;
  }

  idOf(token: string): number {
    return this.idsByToken[token] ?? UNKNOWN_ID;
  }

  /** Ids of one text's tokens, all of them (no truncation). */
  idsOf(text: string): number[] {
    const ids: number[] = [];
    this.appendIds(text, ids, Infinity);
    return ids;
  }

  /** Encodes a digest: title tokens then abstract tokens, cut to the first `maxTokens`. */
  encode(title: string, abstract: string, maxTokens: number): Encoded {
    if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new Error(`maxTokens must be a positive integer, got ${maxTokens}`);
    const ids: number[] = [];
    let tokenCount = 0;
    if (title) tokenCount += this.appendIds(title, ids, maxTokens);
    if (abstract) tokenCount += this.appendIds(abstract, ids, maxTokens);
    return { ids, truncated: tokenCount > maxTokens, tokenCount };
  }

  /** Appends the ids of `text`'s tokens while ids.length < limit; returns the number of tokens in `text`. */
  private appendIds(text: string, ids: number[], limit: number): number {
    if (!ASCII_ONLY.test(text)) {
      const tokens = tokenize(text);
      for (const token of tokens) {
        if (ids.length >= limit) break;
        ids.push(this.idsByToken[token] ?? UNKNOWN_ID);
      }
      return tokens.length;
    }
    // ASCII scanner: the same tokens as tokenize() (runs of [a-z0-9] after lower-casing), looked up
    // by hash without creating a string per token.
    let count = 0;
    let start = -1;
    let hash = 0;
    const length = text.length;
    for (let i = 0; i <= length; i++) {
      let c = i < length ? text.charCodeAt(i) : 32;
      if (c >= 65 && c <= 90) c += 32;
      const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
      if (alnum) {
        if (start < 0) {
          start = i;
          hash = 0x811c9dc5;
        }
        hash = Math.imul(hash ^ c, 0x01000193);
      } else if (start >= 0) {
        count++;
        if (ids.length < limit) ids.push(this.lookupAscii(text, start, i, hash >>> 0));
        start = -1;
      }
    }
    return count;
  }

  private lookupAscii(text: string, start: number, end: number, hash: number): number {
    const size = end - start;
    let slot = hash & this.slotMask;
    for (;;) {
      const id = this.slots[slot] as number;
      if (id === 0) return UNKNOWN_ID;
      const token = this.tokens[id] as string;
      if (token.length === size) {
        let same = true;
        for (let k = 0; k < size; k++) {
          let c = text.charCodeAt(start + k);
          if (c >= 65 && c <= 90) c += 32;
          if (token.charCodeAt(k) !== c) {
            same = false;
            break;
          }
        }
        if (same) return id;
      }
      slot = (slot + 1) & this.slotMask;
    }
  }
}
