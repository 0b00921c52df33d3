/**
 * Splits a BibTeX file into entries without parsing their fields: an entry starts with "@type{" or
 * "@type(" at the start of a line and ends where its braces balance. An entry that is still open
 * when the next one starts, or at the end of the file, is reported and the scan goes on.
 */
import type { SourceLine } from './decode.ts';

export type SplitItem =
  | { kind: 'entry'; type: string; key: string | null; text: string; line: number }
  | { kind: 'unclosed'; type: string; key: string | null; line: number; endLine: number; nextEntryLine: number | null };

const ENTRY_START = /^\s*@\s*([A-Za-z][\w-]*)\s*([{(])/;
const ENTRY_KEY = /^\s*@\s*[A-Za-z][\w-]*\s*[{(]\s*([^\s,{}()=]+)\s*(?:,|[})]|$)/;
/** One entry larger than this is a runaway (a missing brace swallowing the file). */
const MAX_ENTRY_CHARS = 8 * 1024 * 1024;

export async function* splitBibtex(lines: AsyncIterable<SourceLine>): AsyncGenerator<SplitItem> {
  let open: { type: string; key: string | null; line: number; parts: string[]; chars: number; closer: string } | null = null;
  let depth = 0;
  let lastLine = 0;

  for await (const { text, line } of lines) {
    lastLine = line;
    let rest = text;
    while (rest !== '') {
      if (!open) {
        const start = ENTRY_START.exec(rest);
        if (!start) break; // text between entries is a comment in BibTeX
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
        open.parts.push(rest, '\n');
        open.chars += rest.length + 1;
        if (open.chars > MAX_ENTRY_CHARS) {
          yield { kind: 'unclosed', type: open.type, key: open.key, line: open.line, endLine: line, nextEntryLine: null };
          open = null;
        }
        break;
      }
      open.parts.push(rest.slice(0, end.index + 1));
      yield { kind: 'entry', type: open.type, key: open.key, text: open.parts.join(''), line: open.line };
      open = null;
      rest = rest.slice(end.index + 1);
    }
  }
  if (open) yield { kind: 'unclosed', type: open.type, key: open.key, line: open.line, endLine: lastLine, nextEntryLine: null };
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
