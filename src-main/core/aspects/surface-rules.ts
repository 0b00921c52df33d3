/**
 * How a name from a list is written into the matcher, and which extra evidence it needs in a text.
 * Shared by derived method labels and the tagger, so one name is treated alike everywhere.
 *
 * Per token (see tokenCaseOf):
 * - Acronym-like tokens (BERT, GAN, T5, mT5, the "U" of U-Net) must match with exact case. Written
 *   in lower case these are usually ordinary words ("base", "use") or other abbreviations.
 * - Long CamelCase identifiers (ResNet, WordPiece, RoBERTa; ≥ 5 characters with a lower→upper
 *   switch) match in any case: "resnet" still means ResNet, and such coinages are not English.
 *   Unless their lower-case form is a common word and the capitals sit inside a word: ComplEx,
 *   ReCoRD, ExPose stay exact, while the compounds AutoEncoder and WordPiece do not.
 * - A capitalised word with digits (Set5, Urban100, Text8) matches in any case; with a letter part
 *   of one or two letters (T5, A2C) it is an acronym and stays exact.
 * - Plain words and numbers match in any case ("layer normalization" = "Layer Normalization").
 *
 * Per name (see classifySurface), for a name of ONE token only; names of several tokens are specific
 * enough once each token agrees:
 * - 'short-acronym': an exact-case token of ≤ 3 characters (SSD, GPS, AE). Three letters collide
 *   constantly across fields, so such a name counts only with support (the owner's longer name in
 *   the same text) unless the caller lists it as well known.
 * - 'word-acronym': an exact-case token whose lower-case form is a common English word in abstracts
 *   (BASE, USE, NODE, LINE). Papers-with-Code's own counts show these were matched as words.
 *   Counts only with support unless listed as well known.
 * - 'plain': anything else; counts wherever it matches.
 */
import type { TokenCase } from './matcher.ts';
import { tokenize } from './matcher.ts';

export type SurfaceClass = 'plain' | 'short-acronym' | 'word-acronym';

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{N}/u;

/**
 * CamelCase identifier of at least 5 characters: a lower-case letter (or a digit, as in Pix2Pix and
 * Seq2Seq) followed by an upper-case one.
 */
export function isLongCamelCase(token: string): boolean {
  return token.length >= 5 && LOWER.test(token) && /[\p{Ll}\p{N}]\p{Lu}/u.test(token);
}

const NO_WORDS: ReadonlySet<string> = new Set();

/**
 * A CamelCase token whose capitals join whole words (AutoEncoder, HyperNetwork, WordPiece): its
 * lower-case form is the same compound, so it may match in any case even though that form is common
 * in abstracts. Capitals inside a word (ComplEx, ReCoRD, ExPose) mark a coinage that must keep case.
 */
function isCamelCompound(token: string, commonWords: ReadonlySet<string>): boolean {
  const parts = token.split(/(?<=\p{Ll})(?=\p{Lu})/u);
  return parts.length > 1 && parts.every((part) => part.length >= 3 && commonWords.has(part.toLowerCase()));
}

export function tokenCaseOf(token: string, commonWords: ReadonlySet<string> = NO_WORDS): TokenCase {
  if (isLongCamelCase(token)) return !commonWords.has(token.toLowerCase()) || isCamelCompound(token, commonWords) ? 'any' : 'exact';
  const uppers = [...token].filter((char) => UPPER.test(char)).length;
  if (uppers === 0) return 'any';
  if (uppers > 1 || !UPPER.test(token[0] ?? '') || token.length === 1) return 'exact';
  // One leading capital: a Title-case word (Network, Adam) or a word with digits (Set5 vs T5).
  if (!DIGIT.test(token)) return 'any';
  const letters = [...token].filter((char) => /\p{L}/u.test(char)).length;
  return letters > 2 ? 'any' : 'exact';
}

export function tokenCasesOf(surface: string, commonWords: ReadonlySet<string> = NO_WORDS): TokenCase[] {
  return tokenize(surface).map((token) => tokenCaseOf(token.surface, commonWords));
}

export function classifySurface(surface: string, commonWords: ReadonlySet<string>): SurfaceClass {
  const tokens = tokenize(surface);
  if (tokens.length !== 1) return 'plain';
  const only = tokens[0]!.surface;
  if (tokenCaseOf(only, commonWords) !== 'exact') return 'plain';
  if (only.length <= 3) return 'short-acronym';
  if (commonWords.has(only.toLowerCase())) return 'word-acronym';
  return 'plain';
}

/**
 * Spelling variants of a name worth adding to the matcher:
 * - without a trailing parenthetical: "Harris Hawks optimization (HHO)" → "Harris Hawks optimization";
 * - with hyphens between word pieces closed up: "Multi-Head Attention" → "MultiHead Attention", so
 *   the text's "multihead attention" matches too (the spaced and hyphenated forms already tokenise alike);
 * - with a hyphen before a trailing number closed up: "CIFAR-10" → "CIFAR10".
 */
export function surfaceVariants(name: string, options: { dropParenthetical?: boolean } = {}): string[] {
  const variants = new Set<string>([name.trim()]);
  const withoutParenthetical = name.replace(/\s*\([^()]*\)\s*$/u, '').trim();
  if ((options.dropParenthetical ?? true) && withoutParenthetical !== '' && tokenize(withoutParenthetical).length > 0) {
    variants.add(withoutParenthetical);
  }
  for (const variant of [...variants]) {
    const closed = variant.replace(/(\p{L}{2,})-(\p{L}{2,})/gu, '$1$2');
    if (closed !== variant) variants.add(closed);
    // "CIFAR-10" is also written "CIFAR10"; only letters-then-digits, so "GPT-2" keeps its hyphen form too.
    const joined = variant.replace(/(\p{L}{2,})-(\p{N}+)(?![\p{L}\p{N}])/gu, '$1$2');
    if (joined !== variant) variants.add(joined);
  }
  return [...variants];
}
