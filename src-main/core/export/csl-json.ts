/**
 * CSL-JSON export (what Zotero and citation.js read). A paper imported from CSL-JSON goes out as it
 * came in; one imported from BibTeX or RIS as citation.js read that record, with its citation key
 * as id and citation-key; others are built from Facet's fields (arXiv papers the way Zotero writes
 * preprints: publisher "arXiv", number "arXiv:<id>"). With the reading state, tags join `keyword`
 * and the rest goes under `custom` (facet-status, facet-rating, …), which styles never print.
 */
import { cslView, type CslItem } from './csl-view.ts';
import { uniqueKeys } from './keys.ts';
import type { ExportItem, ExportOptions } from './types.ts';
import { readingFieldValues } from './types.ts';

export { cslName } from './csl-view.ts';

export function toCslItems(items: readonly ExportItem[], options: ExportOptions = {}): CslItem[] {
  const includeAbstract = options.includeAbstract ?? true;
  const keys = uniqueKeys(items.map((item) => item.paper));
  return items.map(({ paper, reading }, index) => {
    const item = cslView(paper);
    if (paper.source?.format !== 'csl-json') {
      item['id'] = keys[index]!;
      item['citation-key'] = keys[index]!;
    }
    if (!includeAbstract) delete item['abstract'];
    if (options.withReadingState && reading) {
      if (reading.tags.length > 0) {
        const existing = typeof item['keyword'] === 'string' && item['keyword'] !== '' ? [item['keyword']] : [];
        item['keyword'] = [...existing, ...reading.tags].join(', ');
      }
      const facet = Object.fromEntries(readingFieldValues(reading));
      if (Object.keys(facet).length > 0) item['custom'] = { ...(item['custom'] as object | undefined), ...facet };
    }
    return item;
  });
}

export function toCslJson(items: readonly ExportItem[], options: ExportOptions = {}): string {
  return JSON.stringify(toCslItems(items, options), null, 2) + '\n';
}
