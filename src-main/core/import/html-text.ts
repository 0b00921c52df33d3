/**
 * Saved or pasted HTML listing pages become the text a browser would show, line by line, so the
 * digest parser can read them. Each text line keeps the HTML source line it starts on.
 */
import type { SourceLine } from './decode.ts';

/** HTML digest pages are small; a larger one is refused rather than held in memory. */
export const MAX_HTML_CHARS = 32 * 1024 * 1024;

const TOKEN = /<!--[\s\S]*?-->|<(script|style|noscript|template|svg|title|nav|footer|button|select)\b[^>]*>[\s\S]*?<\/\1\s*>|<\/?([a-zA-Z][\w-]*)\b[^>]*>|<![^>]*>|[^<]+|</g;
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody',
  'td', 'th', 'thead', 'tr', 'ul', 'button', 'time',
]);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', hellip: '…', middot: '·', bull: '•', ndash: '–', mdash: '—' };

/** True when a source's first text is an HTML document or fragment. */
export function looksLikeHtml(fileName: string, head: string): boolean {
  if (/\.html?$/i.test(fileName)) return true;
  return /^\s*(?:<!doctype html|<html\b|<head\b|<body\b)/i.test(head);
}

/**
 * Reads the whole page, then yields its visible text as lines. Callers check the page's size
 * against MAX_HTML_CHARS first; this holds the page in memory.
 */
export async function* htmlTextLines(lines: AsyncIterable<SourceLine>): AsyncGenerator<SourceLine> {
  const parts: string[] = [];
  for await (const { text } of lines) parts.push(text);
  yield* visibleText(parts.join('\n'));
}

function* visibleText(html: string): Generator<SourceLine> {
  let sourceLine = 1;
  let current = '';
  let currentLine = 1;
  function* endLine(blank: boolean): Generator<SourceLine> {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) yield { text, line: currentLine };
    if (blank) yield { text: '', line: sourceLine };
    current = '';
  }
  for (const match of html.matchAll(TOKEN)) {
    const token = match[0];
    const tag = match[2]?.toLowerCase();
    if (match[1] || token.startsWith('<!')) {
      // comments, scripts, styles, navigation and footers, doctype: no paper text there
    } else if (tag) {
      if (BLOCK_TAGS.has(tag)) yield* endLine(tag !== 'br');
    } else {
      const text = decodeEntities(token);
      if (current.trim() === '' && text.trim() !== '') currentLine = sourceLine + leadingNewlines(token);
      current += text;
    }
    sourceLine += count(token, '\n');
  }
  yield* endLine(false);
}

function leadingNewlines(text: string): number {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  return count(lead, '\n');
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
