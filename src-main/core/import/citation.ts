/**
 * The citation.js parsers the BibTeX and RIS importers use, behind typed functions. Loading
 * the plugins registers them with citation.js's shared plugin registry.
 *
 * citation.js is loaded on the first BibTeX or RIS record, not when the core starts: it is a large
 * module graph (a few hundred milliseconds) that only imports of those formats use. It is
 * CommonJS, so it is required synchronously and these functions stay synchronous.
 */
import { createRequire } from 'node:module';
import type { plugins as CitationPlugins } from '@citation-js/core';

let loadedPlugins: typeof CitationPlugins | null = null;
function citationPlugins(): typeof CitationPlugins {
  if (loadedPlugins === null) {
    const require = createRequire(import.meta.url);
    const core = require('@citation-js/core') as { plugins: typeof CitationPlugins };
    require('@citation-js/plugin-bibtex');
    require('@citation-js/plugin-ris');
    loadedPlugins = core.plugins;
  }
  return loadedPlugins;
}

/** One BibTeX entry as citation.js's tokenizer reads it: raw field values, keys lower-cased. */
export interface RawBibtexEntry {
  type: string;
  label: string;
  properties: Record<string, string | number>;
}

/** Parses BibTeX text into raw entries. Throws a SyntaxError naming line and column on bad syntax. */
export function parseBibtexEntries(text: string): RawBibtexEntry[] {
  const entries = citationPlugins().input.data(text, '@biblatex/text');
  return Array.isArray(entries) ? (entries as RawBibtexEntry[]) : [];
}

/** Converts raw entries to CSL items; LaTeX in values becomes Unicode (with CSL's inline HTML). */
export function bibtexEntriesToCsl(entries: RawBibtexEntry[]): Record<string, unknown>[] {
  const items = citationPlugins().input.data(entries, '@biblatex/entries+list');
  return Array.isArray(items) ? (items as Record<string, unknown>[]) : [];
}

/** A RIS record's tags, each a value or a list of values. */
export type RisTags = Record<string, string | string[]>;

/** Converts one RIS record (tags already collected) to a CSL item. */
export function risRecordToCsl(tags: RisTags): Record<string, unknown> {
  const item = citationPlugins().input.data(tags, '@ris/record');
  const first: unknown = Array.isArray(item) ? item[0] : item;
  return first && typeof first === 'object' ? (first as Record<string, unknown>) : {};
}
