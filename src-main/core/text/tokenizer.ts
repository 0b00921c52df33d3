/**
 * The one tokenizer of Facet's aspect model. Training (tools/model/tokenize-corpus.ts writes the
 * corpus text, the vocabulary and the token ids the Python trainer reads) and inference (the ONNX
 * embedder) both call this module, so a text always maps to the same ids on both sides.
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
/** Printable ASCII without upper-case letters needs no normalisation step at all (the common case). */
const NEEDS_NORMALISING = /[^\x20-\x40\x5b-\x7e]/;

/** Applies steps 1-4 above. Exported so tools can write normalised text. */
export function normalizeText(text: string): string {
  if (!NEEDS_NORMALISING.test(text)) return text;
  return text.normalize('NFKC').toLowerCase().replace(FORMAT_CHARS, '').replace(CONTROL_CHARS, ' ');
}

/** Normalises `text` and splits it into tokens (strings), in order. */
export function tokenize(text: string): string[] {
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

export class Tokenizer {
  private readonly idsByToken: Map<string, number>;

  /** `tokens[i]` has id i; tokens[0] and tokens[1] must be the reserved padding and unknown markers. */
  constructor(readonly tokens: readonly string[]) {
    if (tokens[PAD_ID] !== PAD_TOKEN || tokens[UNKNOWN_ID] !== UNKNOWN_TOKEN) {
      throw new Error(`vocabulary must start with the lines "${PAD_TOKEN}" and "${UNKNOWN_TOKEN}"`);
    }
    this.idsByToken = new Map();
    for (let id = 2; id < tokens.length; id++) {
      const token = tokens[id] as string;
      if (this.idsByToken.has(token)) throw new Error(`vocabulary token "${token}" repeats (line ${id + 1})`);
      this.idsByToken.set(token, id);
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
    return this.idsByToken.get(token) ?? UNKNOWN_ID;
  }

  /** Ids of one text's tokens, all of them (no truncation). */
  idsOf(text: string): number[] {
    return tokenize(text).map((token) => this.idOf(token));
  }

  /** Encodes a digest: title tokens then abstract tokens, cut to the first `maxTokens`. */
  encode(title: string, abstract: string, maxTokens: number): Encoded {
    if (!Number.isInteger(maxTokens) || maxTokens < 1) throw new Error(`maxTokens must be a positive integer, got ${maxTokens}`);
    const ids: number[] = [];
    let tokenCount = 0;
    for (const part of [title, abstract]) {
      if (!part) continue;
      const tokens = tokenize(part);
      tokenCount += tokens.length;
      for (const token of tokens) {
        if (ids.length >= maxTokens) break;
        ids.push(this.idsByToken.get(token) ?? UNKNOWN_ID);
      }
    }
    return { ids, truncated: tokenCount > maxTokens, tokenCount };
  }
}
