/**
 * Markdown export: a document a person reads or pastes into notes. Per paper: title, authors,
 * link, status/rating/tags and the note. The note is Markdown already, so it is kept as written but
 * quoted (every line prefixed "> "), which keeps its headings and lists from breaking the page.
 */
import type { ExportItem, ExportOptions } from './types.ts';
import { paperLink, statusLine } from './types.ts';

/** Escapes characters that would turn plain text into Markdown markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (char) => `\\${char}`).replace(/\r?\n/g, ' ');
}

function quote(note: string): string {
  return note
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => (line.length > 0 ? `> ${line}` : '>'))
    .join('\n');
}

export function toMarkdown(items: readonly ExportItem[], options: ExportOptions = {}): string {
  const includeAbstract = options.includeAbstract ?? false;
  const now = options.now ?? new Date();
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(options.title ?? 'Reading list')}`, '');
  out.push(`_Exported from Facet on ${now.toISOString().slice(0, 10)}: ${items.length} paper${items.length === 1 ? '' : 's'}._`, '');
  items.forEach(({ paper, reading }, index) => {
    out.push(`## ${index + 1}. ${escapeMarkdown(paper.title)}`, '');
    const byline = [paper.authors.length > 0 ? paper.authors.map(escapeMarkdown).join(', ') : null, paper.year !== null ? String(paper.year) : null, paper.venue ? `_${escapeMarkdown(paper.venue)}_` : null].filter(Boolean);
    if (byline.length > 0) out.push(`${byline.join(' · ')}  `);
    const link = paperLink(paper);
    const ids = [paper.arxivId ? `arXiv:${paper.arxivId}` : null, paper.doi ? `DOI ${paper.doi}` : null].filter(Boolean);
    if (link) out.push(`Link: <${link.replace(/[<>\s]/g, encodeURIComponent)}>${ids.length > 0 ? ` (${ids.join(', ')})` : ''}  `);
    else if (ids.length > 0) out.push(`${ids.join(', ')}  `);
    const status = statusLine(reading);
    if (status) out.push(`${status.charAt(0).toUpperCase()}${status.slice(1)}  `);
    if (reading && reading.tags.length > 0) out.push(`Tags: ${reading.tags.map((tag) => `\`${tag.replace(/`/g, "'")}\``).join(', ')}  `);
    out.push('');
    if (includeAbstract && paper.abstract) out.push(escapeMarkdown(paper.abstract), '');
    if (reading && reading.note) out.push('Note:', '', quote(reading.note), '');
  });
  return out.join('\n');
}
