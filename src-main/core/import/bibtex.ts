/**
 * BibTeX / BibLaTeX files, entry by entry: bibtex-split.ts finds each entry, citation.js parses its
 * fields and turns LaTeX into Unicode, csl-json.ts maps the result. One bad entry is reported with
 * its line and key; the entries after it still import. @string macros apply to later entries.
 */
import { bibtexEntriesToCsl, parseBibtexEntries, type RawBibtexEntry } from './citation.ts';
import { cslToDraft } from './csl-json.ts';
import type { SourceLine } from './decode.ts';
import { MAX_ENTRY_CHARS, splitBibtex } from './bibtex-split.ts';
import { scanBibtexFields, usesUserMacro } from './bibtex-fields.ts';
import type { BibtexSource } from './source-record.ts';
import { problemItem, type DraftItem, type ParseContext } from './records.ts';
import { stripLatexLeftovers } from './text-clean.ts';

/** Citations and cross-references carry no meaning in an abstract; their keys would become text. */
const CITATION_COMMAND = /[\s~]*\\(?:cite[a-zA-Z]*|ref|eqref|label)\s*(?:\[[^\]]*\]\s*)*\{[^{}]*\}/g;
/** Math fonts citation.js does not know: keep their argument ("\\mathcal{O}" -> "O"). */
const MATH_FONT_COMMAND = /\\(?:mathcal|mathbf|mathrm|mathit|mathbb|mathsf|mathtt|mathfrak|boldsymbol|bm|operatorname|textrm|textnormal)\s*\{([^{}]*)\}/g;
/** Math operators print as their names ("\\log n" -> "log n"). */
const MATH_OPERATOR = /\\(log|ln|exp|sin|cos|tan|max|min|arg|sup|inf|lim|det|dim|deg)(?![a-zA-Z])/g;
/** Raw fields that may name an arXiv id or DOI but that CSL drops or hides. */
const IDENTIFIER_FIELDS = ['eprint', 'arxivid', 'arxiv', 'journal', 'journaltitle', 'note', 'url', 'howpublished', 'doi', 'pages', 'number'];

export async function* parseBibtex(lines: AsyncIterable<SourceLine>, context: ParseContext): AsyncGenerator<DraftItem> {
  const macros: string[] = [];
  let macroLines = 0;

  for await (const item of splitBibtex(lines)) {
    if (item.kind === 'stray') {
      const shown = item.text.length > 40 ? `${item.text.slice(0, 37)}…` : item.text;
      yield problemItem(context, 'warning', item.line, null, `line ${item.line} ("${shown}") starts like a BibTeX entry but has no "{" after the entry type; ignored`);
      continue;
    }
    const label = item.key ? `${item.key}` : null;
    if (item.kind === 'too-large') {
      const size = `${(item.chars / (1024 * 1024)).toFixed(1)} MiB`;
      yield problemItem(context, 'error', item.line, label, `BibTeX entry @${item.type}{${item.key ?? ''} at line ${item.line} is too large: ${size} (lines ${item.line}-${item.endLine}), over the ${MAX_ENTRY_CHARS / (1024 * 1024)} MiB limit for one entry; entry skipped`);
      continue;
    }
    if (item.kind === 'unclosed') {
      const until = item.nextEntryLine === null ? `the end of the file (line ${item.endLine})` : `the next entry at line ${item.nextEntryLine}`;
      yield problemItem(context, 'error', item.line, label, `malformed BibTeX entry @${item.type}{${item.key ?? ''} at line ${item.line}: its braces are not closed before ${until}; entry skipped`);
      continue;
    }
    if (item.type === 'comment' || item.type === 'preamble') continue;
    if (item.type === 'string') {
      macros.push(item.text);
      macroLines += item.text.split('\n').length;
      continue;
    }

    let raw: RawBibtexEntry[];
    let csl: Record<string, unknown>[];
    try {
      raw = parseBibtexEntries([...macros, precleanEntry(item.text)].join('\n'));
      csl = bibtexEntriesToCsl(raw);
    } catch (error) {
      yield problemItem(context, 'error', item.line, label, `malformed BibTeX entry${label ? ` "${label}"` : ''} at line ${item.line}: ${describeSyntaxError(error, item.line, macroLines)}; entry skipped`);
      continue;
    }
    const entry = raw[0];
    const cslItem = csl[0];
    if (!entry || !cslItem) {
      yield problemItem(context, 'error', item.line, label, `malformed BibTeX entry at line ${item.line}: no fields could be read; entry skipped`);
      continue;
    }
    const extraText = IDENTIFIER_FIELDS.map((field) => entry.properties[field]).filter((value) => value !== undefined).map(String);
    const archivePrefix = String(entry.properties['archiveprefix'] ?? entry.properties['eprinttype'] ?? '').toLowerCase();
    const eprint = entry.properties['eprint'];
    if (archivePrefix === 'arxiv' && eprint !== undefined) extraText.unshift(`arXiv:${String(eprint)}`);
    const draft = cslToDraft(cslItem, item.line, extraText);
    // Macros citation.js does not know stay as "\\name"; drop them rather than show them.
    draft.title = fixSuperscriptParens(stripLatexLeftovers(draft.title));
    draft.abstract = fixSuperscriptParens(stripLatexLeftovers(draft.abstract));
    draft.authors = draft.authors.map(stripLatexLeftovers);
    draft.venue = draft.venue === null ? null : stripLatexLeftovers(draft.venue);
    draft.recordKey = entry.label || item.key;
    draft.source = bibtexSource(item.text, entry, cslItem);
    yield { kind: 'draft', draft };
  }
}

/**
 * The entry as written, for exports in BibTeX. A value that uses an @string macro of the file is
 * kept as citation.js expanded it, since the exported file will not define the macro.
 */
function bibtexSource(text: string, entry: RawBibtexEntry, csl: Record<string, unknown>): BibtexSource | null {
  const scanned = scanBibtexFields(text);
  if (!scanned) return null;
  const fields = scanned.fields.map(([name, raw]): [string, string] => {
    const expanded = entry.properties[name.toLowerCase()];
    return usesUserMacro(raw) && expanded !== undefined ? [name, `{${String(expanded)}}`] : [name, raw];
  });
  return { format: 'bibtex', type: scanned.type, key: entry.label || scanned.key, fields, csl };
}

/** Rewrites LaTeX that citation.js would turn into noise, before it parses the entry. */
function precleanEntry(text: string): string {
  return text.replace(CITATION_COMMAND, '').replace(MATH_FONT_COMMAND, '$1').replace(MATH_OPERATOR, '$1');
}

/** citation.js raises a closing bracket after a superscript ("$O(n^2)$" -> "O(n²⁾"); lower it again. */
function fixSuperscriptParens(text: string): string {
  let fixed = text;
  if (fixed.includes('⁾') && !fixed.includes('⁽')) fixed = fixed.replaceAll('⁾', ')');
  if (fixed.includes('₎') && !fixed.includes('₍')) fixed = fixed.replaceAll('₎', ')');
  return fixed;
}

/**
 * citation.js reports "expected X, got Y at line L col C:" followed by a code excerpt. Keep the
 * first line and turn its line number (counted inside the text we parsed) into a file line.
 */
function describeSyntaxError(error: unknown, entryLine: number, macroLines: number): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = (message.split('\n')[0] ?? message).replace(/:\s*$/, '');
  return firstLine.replace(/at line (\d+) col (\d+)/, (_whole, line: string, column: string) => {
    const fileLine = entryLine + Number(line) - 1 - macroLines;
    return `at line ${fileLine >= entryLine ? fileLine : entryLine}, column ${column}`;
  });
}
