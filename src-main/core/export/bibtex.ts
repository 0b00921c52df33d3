/**
 * BibTeX export. Text stays UTF-8 (biber, BibLaTeX and modern BibTeX read it); LaTeX's special
 * characters are escaped so titles like "50% & more" survive. Entries with a venue are @article
 * (journal = venue), others @misc; arXiv papers carry eprint + archivePrefix. The reading state
 * goes into keywords (tags), note (status and rating) and annote (the person's note), never into
 * fields importers search for identifiers.
 */
import type { ExportItem, ExportOptions } from './types.ts';
import { statusLine } from './types.ts';

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

function asciiWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toLowerCase();
}

const STOP_WORDS = new Set(['a', 'an', 'the', 'on', 'of', 'for', 'and', 'in', 'to', 'with', 'towards', 'toward']);

/** "smith2022contrastive": first author's family name, year, first significant title word. */
export function citationKey(item: ExportItem): string {
  const { paper } = item;
  const author = paper.authors[0]?.trim().split(/\s+/).at(-1) ?? '';
  const titleWord = paper.title.split(/\s+/).map(asciiWord).find((word) => word.length > 0 && !STOP_WORDS.has(word)) ?? '';
  const key = `${asciiWord(author)}${paper.year ?? ''}${titleWord}`;
  return key.length > 0 ? key : `paper${asciiWord(paper.id)}`;
}

function field(name: string, value: string): string {
  return `  ${name} = {${value}}`;
}

export function toBibtex(items: readonly ExportItem[], options: ExportOptions = {}): string {
  const includeAbstract = options.includeAbstract ?? true;
  const used = new Map<string, number>();
  const entries: string[] = [];
  for (const item of items) {
    const { paper, reading } = item;
    const base = citationKey(item);
    const count = used.get(base) ?? 0;
    used.set(base, count + 1);
    // Duplicate keys get a, b, c... suffixes (then numbers), as reference managers do.
    const key = count === 0 ? base : `${base}${count <= 26 ? String.fromCharCode(96 + count) : String(count)}`;
    const fields: string[] = [];
    // Double braces keep the title's capitalisation in every bibliography style.
    fields.push(field('title', `{${escapeLatex(paper.title)}}`));
    if (paper.authors.length > 0) fields.push(field('author', paper.authors.map(bibtexName).join(' and ')));
    if (paper.year !== null) fields.push(field('year', String(paper.year)));
    if (paper.date) fields.push(field('date', paper.date));
    if (paper.venue) fields.push(field('journal', escapeLatex(paper.venue)));
    // Identifiers and URLs are verbatim fields: written as they are (a brace cannot occur in either).
    if (paper.doi) fields.push(field('doi', paper.doi.replace(/[{}]/g, '')));
    if (paper.arxivId) {
      fields.push(field('eprint', paper.arxivId));
      fields.push(field('archivePrefix', 'arXiv'));
    }
    if (paper.url) fields.push(field('url', paper.url.replace(/[{}]/g, (c) => encodeURIComponent(c))));
    if (includeAbstract && paper.abstract) fields.push(field('abstract', escapeLatex(paper.abstract)));
    if (reading && reading.tags.length > 0) fields.push(field('keywords', reading.tags.map(escapeLatex).join(', ')));
    const status = statusLine(reading);
    if (status) fields.push(field('note', escapeLatex(status)));
    if (reading && reading.note) fields.push(field('annote', escapeLatex(reading.note)));
    const type = paper.venue ? 'article' : 'misc';
    entries.push(`@${type}{${key},\n${fields.join(',\n')}\n}\n`);
  }
  return entries.join('\n');
}
