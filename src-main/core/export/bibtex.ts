/**
 * BibTeX export. A paper imported from BibTeX goes out as it came in: the same entry type, key and
 * fields, each value exactly as the file wrote it (braces, LaTeX accents, file, urldate, keywords,
 * month macros). Other papers are written from their CSL view (csl-view.ts) with the BibTeX type
 * of their kind: @inproceedings + booktitle for a conference paper, @article + journal for a
 * journal article, @misc with eprint + archivePrefix + url for an arXiv preprint or a digest entry.
 * Keys are the stored citation keys. Text stays UTF-8; LaTeX's special characters in generated
 * values are escaped. The reading state goes out only when asked: tags appended to keywords, the
 * rest in facet-status, facet-rating, facet-not-relevant and facet-note, which styles never print.
 */
import { cslDateParts, cslNameList, cslText, cslView } from './csl-view.ts';
import { bibtexTypeOfCsl } from './entry-types.ts';
import { uniqueKeys } from './keys.ts';
import type { ExportItem, ExportOptions, ExportPaper } from './types.ts';
import { readingFieldValues } from './types.ts';
import type { ReadingState } from '../reading/types.ts';

export { baseCitationKey as citationKey } from './citation-key.ts';

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

export function escapeLatex(text: string): string {
  return text.replace(/[\\{}%&$#_~^]/g, (char) => LATEX_SPECIALS[char]!);
}

/** "Jane Smith" -> "Smith, Jane"; a single word stays as it is. Family name = the last word. */
export function bibtexName(name: string): string {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return escapeLatex(name.trim());
  const family = words.pop()!;
  return `${escapeLatex(family)}, ${escapeLatex(words.join(' '))}`;
}

type Field = [name: string, raw: string];

const braced = (text: string) => `{${text}}`;
/** Identifiers and URLs are verbatim fields: written as they are, braces percent-encoded. */
const verbatim = (text: string) => braced(text.replace(/[{}]/g, (c) => encodeURIComponent(c)));

export function toBibtex(items: readonly ExportItem[], options: ExportOptions = {}): string {
  const includeAbstract = options.includeAbstract ?? true;
  const keys = uniqueKeys(items.map((item) => item.paper));
  return items
    .map(({ paper, reading }, index) => {
      const source = paper.source?.format === 'bibtex' ? paper.source : null;
      const type = source ? source.type : generatedType(paper);
      let fields: Field[] = source ? source.fields.map(([name, raw]): Field => [name, raw]) : generatedFields(paper, type);
      if (!includeAbstract) fields = fields.filter(([name]) => name.toLowerCase() !== 'abstract');
      if (options.withReadingState && reading) fields = withReading(fields, reading);
      return `@${type}{${keys[index]},\n${fields.map(([name, raw]) => `  ${name} = ${raw}`).join(',\n')}\n}\n`;
    })
    .join('\n');
}

function generatedType(paper: ExportPaper): string {
  return bibtexTypeOfCsl(cslText(cslView(paper)['type']) || 'document');
}

/** Fields of a paper that did not come from BibTeX, from its CSL view. */
function generatedFields(paper: ExportPaper, type: string): Field[] {
  const csl = cslView(paper);
  const fields: Field[] = [];
  const add = (name: string, value: string, write: (text: string) => string = (text) => braced(escapeLatex(text))) => {
    if (value.trim() !== '') fields.push([name, write(value)]);
  };
  // Double braces keep the title's capitalisation in every bibliography style.
  add('title', cslText(csl['title']) || paper.title, (text) => braced(braced(escapeLatex(text))));
  const authors = cslNameList(csl['author']).map((name) => (name.literal ? braced(escapeLatex(name.literal)) : name.given ? `${escapeLatex(name.family)}, ${escapeLatex(name.given)}` : escapeLatex(name.family)));
  if (authors.length > 0) fields.push(['author', braced(authors.join(' and '))]);
  const editors = cslNameList(csl['editor']).map((name) => (name.literal ? braced(escapeLatex(name.literal)) : `${escapeLatex(name.family)}${name.given ? `, ${escapeLatex(name.given)}` : ''}`));
  if (editors.length > 0) fields.push(['editor', braced(editors.join(' and '))]);
  const date = cslDateParts(csl['issued']);
  if (date) {
    add('year', String(date[0]));
    if (date.length === 3) add('date', date.map((part, i) => (i === 0 ? String(part) : String(part).padStart(2, '0'))).join('-'));
  }
  const container = cslText(csl['container-title']);
  const venueField = type === 'inproceedings' || type === 'incollection' ? 'booktitle' : type === 'article' ? 'journal' : 'howpublished';
  if (container) add(venueField, container);
  add('volume', cslText(csl['volume']));
  add('number', cslText(csl['issue']) || (type === 'techreport' ? cslText(csl['number']) : ''));
  add('pages', cslText(csl['page']).replace(/(\d)\s*[-–]\s*(\d)/, '$1--$2'));
  add('publisher', cslText(csl['publisher']) === 'arXiv' && paper.arxivId ? '' : cslText(csl['publisher']));
  add('address', cslText(csl['publisher-place']));
  add('school', type === 'phdthesis' || type === 'mastersthesis' ? cslText(csl['publisher']) : '');
  add('doi', cslText(csl['DOI']) || (paper.doi ?? ''), verbatim);
  if (paper.arxivId) {
    add('eprint', paper.arxivId, verbatim);
    add('archivePrefix', 'arXiv');
  }
  add('url', cslText(csl['URL']), verbatim);
  add('abstract', cslText(csl['abstract']) || (paper.abstract ?? ''));
  add('keywords', cslText(csl['keyword']));
  return fields;
}

/** Tags appended to keywords (one field either way), then Facet's own fields. */
function withReading(fields: Field[], reading: ReadingState): Field[] {
  const out = fields.map(([name, raw]): Field => [name, raw]);
  if (reading.tags.length > 0) {
    const tags = reading.tags.map(escapeLatex).join(', ');
    const at = out.findIndex(([name]) => name.toLowerCase() === 'keywords');
    const inner = at >= 0 ? unbrace(out[at]![1]) : '';
    const value = braced(inner.trim() === '' ? tags : `${inner}, ${tags}`);
    if (at >= 0) out[at] = [out[at]![0], value];
    else out.push(['keywords', value]);
  }
  for (const [name, value] of readingFieldValues(reading)) out.push([name, braced(escapeLatex(value))]);
  return out;
}

function unbrace(raw: string): string {
  const trimmed = raw.trim();
  return /^\{[\s\S]*\}$/.test(trimmed) || /^"[\s\S]*"$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
}
