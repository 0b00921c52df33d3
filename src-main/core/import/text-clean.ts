/**
 * Turning field values into plain Unicode text: the inline HTML that CSL uses for emphasis
 * (<i>, <b>, <sup>, <span class="nocase">) and HTML entities; and, for BibTeX, leftovers of LaTeX markup.
 */

const INLINE_TAG = /<\/?(?:i|b|em|strong|sup|sub|sc|span|p|div|br|a)\b[^>]*>/gi;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export interface PlainTextOptions {
  /** Keep blank-line paragraph breaks (abstracts); otherwise all white space folds to one space. */
  keepParagraphs?: boolean;
}

export function plainText(text: string, options: PlainTextOptions = {}): string {
  const plain = text
    .replace(INLINE_TAG, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => decodeEntity(name) ?? whole)
    // A LaTeX accent on a dotless i or j ({\"\i}) should read as an ordinary accented letter.
    .replace(/ı(?=\p{M})/gu, 'i')
    .replace(/ȷ(?=\p{M})/gu, 'j')
    .normalize('NFC');
  if (!options.keepParagraphs) return plain.replace(/\s+/g, ' ').trim();
  return plain
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

/** Removes commands a BibTeX converter left behind (\cite, \label, unknown macros) and stray braces. */
export function stripLatexLeftovers(text: string): string {
  if (!/[\\{}]/.test(text)) return text;
  return text
    .replace(/\\(?:cite[a-z]*|ref|eqref|label|footnote)\s*(?:\[[^\]]*\])?\s*\{[^{}]*\}/g, '')
    .replace(/\\(?:url|emph|textit|textbf|textsc|texttt|mathrm|mathbf|text)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\\href\s*\{[^{}]*\}\s*\{([^{}]*)\}/g, '$1')
    .replace(/\\([%&#$_])/g, '$1')
    .replace(/\\[a-zA-Z]+\*?/g, '')
    .replace(/[{}]/g, '');
}

function decodeEntity(name: string): string | null {
  if (name.startsWith('#x') || name.startsWith('#X')) return safeCodePoint(parseInt(name.slice(2), 16));
  if (name.startsWith('#')) return safeCodePoint(parseInt(name.slice(1), 10));
  return NAMED_ENTITIES[name.toLowerCase()] ?? null;
}

function safeCodePoint(code: number): string | null {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}
