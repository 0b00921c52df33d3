/** Exports of a reading list or any set of papers: BibTeX, CSL-JSON, RIS and Markdown. */
import { toBibtex } from './bibtex.ts';
import { toCslJson } from './csl-json.ts';
import { toMarkdown } from './markdown.ts';
import { toRis } from './ris.ts';
import type { ExportFormat, ExportItem, ExportOptions } from './types.ts';

export { EXPORT_FORMATS, EXPORT_EXTENSIONS, paperLink, statusLine } from './types.ts';
export type { ExportFormat, ExportItem, ExportOptions, ExportPaper } from './types.ts';
export { toBibtex, escapeLatex, citationKey } from './bibtex.ts';
export { toCslJson, toCslItems } from './csl-json.ts';
export { toMarkdown, escapeMarkdown } from './markdown.ts';
export { toRis } from './ris.ts';
export { baseCitationKey, disambiguatedKey } from './citation-key.ts';

/** The exported text of the items, in the order given. */
export function exportPapers(items: readonly ExportItem[], format: ExportFormat, options: ExportOptions = {}): string {
  switch (format) {
    case 'bibtex':
      return toBibtex(items, options);
    case 'csl-json':
      return toCslJson(items, options);
    case 'ris':
      return toRis(items, options);
    case 'markdown':
      return toMarkdown(items, options);
  }
}
