/**
 * The citation.js parsers the BibTeX and RIS importers use, behind typed functions. Importing
 * the plugins registers them with citation.js's shared plugin registry.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';

/** One BibTeX entry as citation.js's tokenizer reads it: raw field values, keys lower-cased. */
export interface RawBibtexEntry {
  type: string;
  label: string;
  properties: Record<string, string | number>;
}

/** Parses BibTeX text into raw entries. Throws a SyntaxError naming line and column on bad syntax. */
export function parseBibtexEntries(text: string): RawBibtexEntry[] {
  const entries = plugins.input.data(text, '@biblatex/text');
  return Array.isArray(entries) ? (entries as RawBibtexEntry[]) : [];
}

/** Converts raw entries to CSL items; LaTeX in values becomes Unicode (with CSL's inline HTML). */
export function bibtexEntriesToCsl(entries: RawBibtexEntry[]): Record<string, unknown>[] {
  const items = plugins.input.data(entries, '@biblatex/entries+list');
  return Array.isArray(items) ? (items as Record<string, unknown>[]) : [];
}

/** A RIS record's tags, each a value or a list of values. */
export type RisTags = Record<string, string | string[]>;

/** Converts one RIS record (tags already collected) to a CSL item. */
export function risRecordToCsl(tags: RisTags): Record<string, unknown> {
  const item = plugins.input.data(tags, '@ris/record');
  const first: unknown = Array.isArray(item) ? item[0] : item;
  return first && typeof first === 'object' ? (first as Record<string, unknown>) : {};
}
