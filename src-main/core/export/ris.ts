/**
 * RIS export (what EndNote, Zotero and Mendeley read). A paper imported from RIS goes out with
 * every tag line it came with, in order; others are written from their CSL view with the RIS type
 * of their kind and the citation key in ID. With the reading state, tags become KW lines and the
 * rest one N1 line per Facet field ("facet-status: read"), which styles do not print.
 */
import { cslDateParts, cslNameList, cslText, cslView } from './csl-view.ts';
import { risTypeOfCsl } from './entry-types.ts';
import { uniqueKeys } from './keys.ts';
import type { ExportItem, ExportOptions } from './types.ts';
import { readingFieldValues } from './types.ts';

type Tag = [tag: string, value: string];

export function toRis(items: readonly ExportItem[], options: ExportOptions = {}): string {
  const includeAbstract = options.includeAbstract ?? true;
  const keys = uniqueKeys(items.map((item) => item.paper));
  return items
    .map(({ paper, reading }, index) => {
      const source = paper.source?.format === 'ris' ? paper.source : null;
      let tags: Tag[] = source ? source.tags.map(([tag, value]): Tag => [tag, value]) : generatedTags(cslView(paper), keys[index]!, paper.arxivId);
      if (source && !tags.some(([tag]) => tag === 'ID')) tags.splice(1, 0, ['ID', keys[index]!]);
      if (!includeAbstract) tags = tags.filter(([tag]) => tag !== 'AB' && tag !== 'N2');
      if (options.withReadingState && reading) {
        for (const tag of reading.tags) tags.push(['KW', tag]);
        for (const [name, value] of readingFieldValues(reading)) tags.push(['N1', `${name}: ${value.replace(/\r?\n/g, ' ')}`]);
      }
      return `${tags.map(([tag, value]) => `${tag}  - ${value}`).join('\n')}\nER  - \n`;
    })
    .join('\n');
}

function generatedTags(csl: Record<string, unknown>, key: string, arxivId: string | null): Tag[] {
  const tags: Tag[] = [['TY', risTypeOfCsl(cslText(csl['type']) || 'document')], ['ID', key]];
  const add = (tag: string, value: string) => {
    const text = value.replace(/\s*\r?\n\s*/g, ' ').trim();
    if (text !== '') tags.push([tag, text]);
  };
  add('TI', cslText(csl['title']));
  for (const name of cslNameList(csl['author'])) add('AU', name.literal || (name.given ? `${name.family}, ${name.given}` : name.family));
  for (const name of cslNameList(csl['editor'])) add('A2', name.literal || (name.given ? `${name.family}, ${name.given}` : name.family));
  const date = cslDateParts(csl['issued']);
  if (date) {
    add('PY', String(date[0]));
    add('DA', [String(date[0]), ...date.slice(1).map((part) => String(part).padStart(2, '0'))].join('/'));
  }
  add('T2', cslText(csl['container-title']));
  add('VL', cslText(csl['volume']));
  add('IS', cslText(csl['issue']));
  const [start, end] = cslText(csl['page']).split(/\s*[-–]+\s*/);
  add('SP', start ?? '');
  add('EP', end ?? '');
  add('PB', cslText(csl['publisher']));
  add('CY', cslText(csl['publisher-place']));
  add('DO', cslText(csl['DOI']));
  add('UR', cslText(csl['URL']));
  if (arxivId) add('M1', `arXiv:${arxivId}`);
  add('AB', cslText(csl['abstract']));
  for (const keyword of cslText(csl['keyword']).split(/\s*,\s*/)) add('KW', keyword);
  return tags;
}
