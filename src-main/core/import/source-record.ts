/**
 * A record as its source wrote it, kept beside the normalised paper so that an export in the same
 * format gives it back field for field: citation key, entry type and every field, including the
 * ones Facet has no column for (file, urldate, keywords, month, pages, …).
 */

/** BibTeX: entry type as written, key, and each field's name and raw value (delimiters included, e.g. "{2020}" or "jul"). */
export interface BibtexSource {
  format: 'bibtex';
  type: string;
  key: string;
  fields: [name: string, raw: string][];
  /** citation.js's CSL reading of the entry, for CSL-JSON and RIS exports. */
  csl?: Record<string, unknown>;
}

/** RIS: every tag line in order ("TY" first), continuation lines joined. */
export interface RisSource {
  format: 'ris';
  tags: [tag: string, value: string][];
  csl?: Record<string, unknown>;
}

/** CSL-JSON: the item as read. */
export interface CslSource {
  format: 'csl-json';
  item: Record<string, unknown>;
}

export type SourceRecord = BibtexSource | RisSource | CslSource;

/** A citation key as reference managers write them: no spaces, braces, commas, quotes or "#". */
export function isCitationKey(value: string): boolean {
  return /^[^\s{}(),"#%~\\]+$/.test(value) && value.length <= 200;
}

/** The source's own citation key, when it has one (BibTeX key, RIS ID, CSL citation-key or a key-like id). */
export function sourceCitationKey(source: SourceRecord | null | undefined): string | null {
  if (!source) return null;
  let key: string | null = null;
  if (source.format === 'bibtex') key = source.key;
  else if (source.format === 'ris') key = source.tags.find(([tag]) => tag === 'ID')?.[1] ?? null;
  else {
    const citationKey = source.item['citation-key'];
    const id = source.item['id'];
    if (typeof citationKey === 'string') key = citationKey;
    // Zotero's own CSL export uses item URIs or numbers as ids: not citation keys.
    else if (typeof id === 'string' && !/^(?:https?:|\d+$)/.test(id)) key = id;
  }
  key = key?.trim() ?? null;
  return key && isCitationKey(key) ? key : null;
}
