/**
 * Reads one BibTeX entry's fields without interpreting them: the entry type as written, the key,
 * and each field's name and raw value expression exactly as in the file ("{A {Simple} Framework}",
 * "\"quoted\"", "2020", "jul", "{a} # macro"). What export writes back for a record imported from
 * BibTeX, so nothing is lost or re-spelled on the way.
 */

export interface ScannedEntry {
  type: string;
  key: string;
  fields: [name: string, raw: string][];
}

const HEAD = /^\s*@\s*([A-Za-z][\w-]*)\s*([{(])\s*([^\s,{}()=]*)\s*,?/;
const FIELD_NAME = /^[A-Za-z][\w:.+/-]*/;

/** The entry's type, key and raw fields; null when the text is not one well-formed entry. */
export function scanBibtexFields(text: string): ScannedEntry | null {
  const head = HEAD.exec(text);
  if (!head) return null;
  const closer = head[2] === '(' ? ')' : '}';
  const fields: [string, string][] = [];
  let at = head[0].length;
  for (;;) {
    at = skipSpace(text, at);
    if (text[at] === ',') {
      at++;
      continue;
    }
    if (text[at] === closer || at >= text.length) break;
    const name = FIELD_NAME.exec(text.slice(at))?.[0];
    if (!name) return null;
    at = skipSpace(text, at + name.length);
    if (text[at] !== '=') return null;
    at = skipSpace(text, at + 1);
    const start = at;
    // A value is parts joined by "#": {balanced}, "quoted" (braces inside balanced), or a bare word.
    for (;;) {
      if (text[at] === '{') at = closeBrace(text, at);
      else if (text[at] === '"') at = closeQuote(text, at);
      else {
        const bare = /^[^\s,#{}()"]+/.exec(text.slice(at))?.[0];
        if (!bare) return null;
        at += bare.length;
      }
      if (at < 0) return null;
      const next = skipSpace(text, at);
      if (text[next] !== '#') break;
      at = skipSpace(text, next + 1);
    }
    fields.push([name, text.slice(start, at)]);
  }
  return { type: head[1] ?? '', key: head[3] ?? '', fields };
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

/** Index just past the brace that closes the one at `at`; -1 when it never closes. Like BibTeX, every brace counts. */
function closeBrace(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

function closeQuote(text: string, at: number): number {
  let depth = 0;
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') depth--;
    else if (text[i] === '"' && depth === 0) return i + 1;
  }
  return -1;
}

/** The month macros every BibTeX style defines. */
export const MONTH_MACROS = new Set(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']);

/** True when a raw value uses a macro the exported file will not define (a bare word other than a number or month). */
export function usesUserMacro(raw: string): boolean {
  const withoutDelimited = raw.replace(/\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}|"(?:[^"\\]|\\.)*"/g, ' ');
  return withoutDelimited
    .split(/[\s#]+/)
    .filter(Boolean)
    .some((word) => !/^\d+$/.test(word) && !MONTH_MACROS.has(word.toLowerCase()));
}
