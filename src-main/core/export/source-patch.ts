/**
 * Applies a metadata edit to a paper's source record, so that an export in the source's format
 * shows the edit while every other field stays as the source wrote it.
 */
import type { SourceRecord } from '../import/source-record.ts';
import { bibtexName, escapeLatex } from './bibtex.ts';
import { cslName } from './csl-view.ts';

/** The edited fields, already normalised (null = cleared). */
export interface SourceEdit {
  title?: string;
  authors?: string[];
  year?: number | null;
  venue?: string | null;
  arxivId?: string | null;
  doi?: string | null;
  url?: string | null;
  abstract?: string;
}

const VENUE_FIELDS = ['journal', 'journaltitle', 'booktitle'];

export function patchSourceRecord(source: SourceRecord, edit: SourceEdit): SourceRecord {
  const patched = structuredClone(source);
  if (patched.format === 'bibtex') {
    patchBibtex(patched.fields, patched.type, edit);
    if (patched.csl) patchCsl(patched.csl, edit);
  } else if (patched.format === 'ris') {
    patched.tags = patchRis(patched.tags, edit);
    if (patched.csl) patchCsl(patched.csl, edit);
  } else {
    patchCsl(patched.item, edit);
  }
  return patched;
}

function patchBibtex(fields: [string, string][], type: string, edit: SourceEdit): void {
  const set = (names: string[], value: string | null, fallback = names[0]!) => {
    const at = fields.findIndex(([name]) => names.includes(name.toLowerCase()));
    if (value === null) {
      if (at >= 0) fields.splice(at, 1);
      return;
    }
    if (at >= 0) fields[at] = [fields[at]![0], value];
    else fields.push([fallback, value]);
  };
  const braced = (text: string) => `{${text}}`;
  if (edit.title !== undefined) set(['title'], braced(braced(escapeLatex(edit.title))));
  if (edit.authors !== undefined) set(['author'], edit.authors.length > 0 ? braced(edit.authors.map(bibtexName).join(' and ')) : null);
  if (edit.year !== undefined) {
    set(['year'], edit.year === null ? null : braced(String(edit.year)));
    // A full date that disagrees with the new year would win in BibLaTeX.
    if (edit.year === null || !fields.some(([name, raw]) => name.toLowerCase() === 'date' && raw.includes(String(edit.year)))) set(['date'], null);
  }
  if (edit.venue !== undefined) set(VENUE_FIELDS, edit.venue === null ? null : braced(escapeLatex(edit.venue)), /proceedings|collection/i.test(type) ? 'booktitle' : 'journal');
  if (edit.doi !== undefined) set(['doi'], edit.doi === null ? null : braced(edit.doi));
  if (edit.arxivId !== undefined) {
    set(['eprint'], edit.arxivId === null ? null : braced(edit.arxivId));
    if (edit.arxivId !== null && !fields.some(([name]) => ['archiveprefix', 'eprinttype'].includes(name.toLowerCase()))) fields.push(['archivePrefix', '{arXiv}']);
  }
  if (edit.url !== undefined) set(['url'], edit.url === null ? null : braced(edit.url));
  if (edit.abstract !== undefined) set(['abstract'], edit.abstract.trim() === '' ? null : braced(escapeLatex(edit.abstract)));
}

function patchRis(tags: [string, string][], edit: SourceEdit): [string, string][] {
  let out = tags.map(([tag, value]): [string, string] => [tag, value]);
  const replace = (names: string[], values: string[], fallback = names[0]!) => {
    const at = out.findIndex(([tag]) => names.includes(tag));
    const tag = at >= 0 ? out[at]![0] : fallback;
    out = out.filter(([name]) => !names.includes(name));
    const insertAt = at >= 0 ? at : out.length;
    out.splice(insertAt, 0, ...values.map((value): [string, string] => [tag, value]));
  };
  if (edit.title !== undefined) replace(['TI', 'T1'], [edit.title]);
  if (edit.authors !== undefined) replace(['AU', 'A1'], edit.authors.map((name) => bibtexName(name).replace(/\\/g, '')));
  if (edit.year !== undefined) replace(['PY', 'Y1'], edit.year === null ? [] : [String(edit.year)]);
  if (edit.venue !== undefined) replace(['T2', 'JO', 'JF', 'BT'], edit.venue === null ? [] : [edit.venue], 'T2');
  if (edit.doi !== undefined) replace(['DO'], edit.doi === null ? [] : [edit.doi]);
  if (edit.url !== undefined) replace(['UR'], edit.url === null ? [] : [edit.url]);
  if (edit.abstract !== undefined) replace(['AB', 'N2'], edit.abstract.trim() === '' ? [] : [edit.abstract.replace(/\s*\n\s*/g, ' ')]);
  return out;
}

function patchCsl(item: Record<string, unknown>, edit: SourceEdit): void {
  const set = (name: string, value: unknown) => {
    if (value === null || value === undefined || value === '') delete item[name];
    else item[name] = value;
  };
  if (edit.title !== undefined) set('title', edit.title);
  if (edit.authors !== undefined) set('author', edit.authors.length > 0 ? edit.authors.map(cslName) : null);
  if (edit.year !== undefined) set('issued', edit.year === null ? null : { 'date-parts': [[edit.year]] });
  if (edit.venue !== undefined) set('container-title', edit.venue);
  if (edit.doi !== undefined) set('DOI', edit.doi);
  if (edit.url !== undefined) set('URL', edit.url);
  if (edit.abstract !== undefined) set('abstract', edit.abstract.trim());
  if (edit.arxivId !== undefined && edit.arxivId !== null && !/arxiv/i.test(typeof item['number'] === 'string' ? item['number'] : '')) item['number'] = `arXiv:${edit.arxivId}`;
}
