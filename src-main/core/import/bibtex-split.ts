/**
 * Splits a BibTeX file into entries without parsing their fields: an entry starts with "@type{" or
 * "@type(" at the start of a line and ends where its braces balance. An entry that is still open
 * when the next one starts, or at the end of the file, is reported and the scan goes on. So are an
 * entry that closes but is larger than MAX_ENTRY_CHARS (its text is not kept past the limit), and
 * a line outside entries that starts with "@" but opens no entry (a bare "@article").
 */
import type { SourceLine } from './decode.ts';

export type SplitItem =
  | { kind: 'entry'; type: string; key: string | null; text: string; line: number }
  | { kind: 'unclosed'; type: string; key: string | null; line: number; endLine: number; nextEntryLine: number | null }
  | { kind: 'too-large'; type: string; key: string | null; line: number; endLine: number; chars: number }
  | { kind: 'stray'; line: number; text: string };

const ENTRY_START = /^\s*@\s*([A-Za-z][\w-]*)\s*([{(])/;
const ENTRY_KEY = /^\s*@\s*[A-Za-z][\w-]*\s*[{(]\s*([^\s,{}()=]+)\s*(?:,|[})]|$)/;
/** One entry larger than this is not parsed (no bibliography entry is near it). */
export const MAX_ENTRY_CHARS = 8 * 1024 * 1024;
/** A line outside entries that starts like an entry ("@word") but has no "{" or "(" after it. */
const STRAY_AT = /^\s*@\s*[A-Za-z]/;

export async function* splitBibtex(lines: AsyncIterable<SourceLine>): AsyncGenerator<SplitItem> {
  /** `parts` stops growing (and is emptied) once `chars` passes MAX_ENTRY_CHARS. */
  let open: { type: string; key: string | null; line: number; parts: string[]; chars: number; closer: string } | null = null;
  let depth = 0;
  let lastLine = 0;

  for await (const { text, line } of lines) {
    lastLine = line;
    let rest = text;
    while (rest !== '') {
      if (!open) {
        const start = ENTRY_START.exec(rest);
        if (!start) {
          // Text between entries is a comment in BibTeX, unless it looks like an entry that lost its brace.
          if (rest === text && STRAY_AT.test(rest)) yield { kind: 'stray', line, text: rest.trim() };
          break;
        }
        const type = (start[1] ?? '').toLowerCase();
        open = { type, key: ENTRY_KEY.exec(rest)?.[1] ?? null, line, parts: [], chars: 0, closer: start[2] === '(' ? ')' : '}' };
        depth = 0;
      } else if (ENTRY_START.test(rest) && rest === text) {
        // A new entry starts while the previous one is still open: its braces never balanced.
        yield { kind: 'unclosed', type: open.type, key: open.key, line: open.line, endLine: line - 1, nextEntryLine: line };
        open = null;
        continue;
      }
      const end = findEntryEnd(rest, depth, open.closer);
      if (end.index < 0) {
        depth = end.depth;
        keep(open, rest + '\n');
        break;
      }
      keep(open, rest.slice(0, end.index + 1));
      if (open.chars > MAX_ENTRY_CHARS) {
        yield { kind: 'too-large', type: open.type, key: open.key, line: open.line, endLine: line, chars: open.chars };
      } else {
        yield { kind: 'entry', type: open.type, key: open.key, text: open.parts.join(''), line: open.line };
      }
      open = null;
      rest = rest.slice(end.index + 1);
    }
  }
  if (open) yield { kind: 'unclosed', type: open.type, key: open.key, line: open.line, endLine: lastLine, nextEntryLine: null };
}

/** Adds text to an open entry, keeping none of it once the entry is over the size limit. */
function keep(open: { parts: string[]; chars: number }, text: string): void {
  open.chars += text.length;
  if (open.chars > MAX_ENTRY_CHARS) open.parts = [];
  else open.parts.push(text);
}

/**
 * Scans one line for the character that closes the entry. `depth` counts braces opened since the
 * entry's own opening delimiter was passed (that delimiter takes depth from 0 to 1).
 */
function findEntryEnd(text: string, startDepth: number, closer: string): { index: number; depth: number } {
  let depth = startDepth;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (depth === 0) {
      if (char === '{' || char === '(') depth = 1;
      continue;
    }
    if (char === '{') depth++;
    else if (char === '}') {
      if (closer === '}' && depth === 1) return { index: i, depth: 0 };
      depth--;
    } else if (char === ')' && closer === ')' && depth === 1) return { index: i, depth: 0 };
  }
  return { index: -1, depth };
}
