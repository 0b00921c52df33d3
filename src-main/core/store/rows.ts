/**
 * Rows <-> papers: the stored row of a paper about to be written, and the Paper, summary or
 * neighbour a stored row reads back as. Vector cells and aspect terms come from an aspect list
 * (the store's own by default, see schema.ts), so an aspect added to ASPECTS needs no change here.
 */
import type { Aspect, AspectTerms, Paper, PaperSummary } from '../../common/contract.ts';
import type { SourceRecord } from '../import/source-record.ts';
import { defaultAspects, termAspects, vectorColumn, type PaperContentRow, type PaperRow, type VectorCells } from './schema.ts';

/** A row as LanceDB returns it. */
export type Row = Record<string, unknown>;

/** A paper ready to store: metadata already deduplicated and tagged, vectors already computed. */
export interface NewPaper<A extends string = Aspect> {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  year: number | null;
  date: string | null;
  venue: string | null;
  arxivId: string | null;
  doi: string | null;
  url: string | null;
  sourceFile: string | null;
  sourceLine: number | null;
  normTitle: string;
  terms: AspectTerms;
  dedupKeys: string[];
  /** Null only for a pending identifier stub, which is stored without vectors and never embedded. */
  vectors: Readonly<Record<A, Float32Array>> | null;
  pending?: boolean;
  /** PDF path, Zotero collections and tags, record key (stored as JSON in the `library` column). */
  library?: StoredLibraryFields;
  /**
   * The citation key. Absent: addPapers gives a new paper the source's key or a generated one, and
   * replacePapers keeps the stored key. A key once stored is never changed by the store.
   */
  citeKey?: string | null;
  /** The record as its source wrote it; absent in replacePapers keeps the stored one, null drops it. */
  sourceRecord?: SourceRecord | null;
  /** The key the record came with (JSON id, BibTeX key, CSL-JSON id, RIS ID); absent in replacePapers keeps the stored one. */
  sourceKey?: string | null;
}

/** What the `library` column holds. */
export interface StoredLibraryFields {
  filePath?: string;
  collections?: string[];
  tags?: string[];
  /** The source's own key, e.g. "zotero:1/ABCD1234". */
  recordKey?: string;
}

/** A stored row without its vectors: plain JSON. */
export type StoredContentRow = PaperContentRow;

/** A neighbour list row: the summary, plus what its reason is built from (terms, title, abstract). */
export interface NeighbourPaper extends PaperSummary {
  abstract: string;
  terms: AspectTerms;
}

/** Where a row sits in the import order. */
export interface RowPlace {
  seq: number;
  importedAt: string;
}

export function digestText(title: string, abstract: string): string {
  return abstract.trim().length > 0 ? `${title}\n${abstract}` : title;
}

/** The stored row of a paper at its place in the import order, its vectors tagged with `modelId`. */
export function toRow<A extends string = Aspect>(paper: NewPaper<A>, place: RowPlace, modelId: string, aspects: readonly A[] = defaultAspects<A>()): PaperRow<A> {
  const content: PaperContentRow = {
    id: paper.id,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors,
    year: paper.year,
    date: paper.date,
    venue: paper.venue,
    arxiv_id: paper.arxivId,
    doi: paper.doi,
    url: paper.url,
    source_file: paper.sourceFile,
    source_line: paper.sourceLine,
    imported_at: place.importedAt,
    seq: place.seq,
    title_only: paper.abstract.trim().length === 0,
    norm_title: paper.normTitle,
    terms: JSON.stringify(paper.terms),
    text: digestText(paper.title, paper.abstract),
    dedup_keys: paper.dedupKeys,
    pending: paper.pending === true,
    library: libraryJson(paper.library),
    cite_key: paper.citeKey ?? null,
    source_record: paper.sourceRecord ? JSON.stringify(paper.sourceRecord) : null,
    source_key: paper.sourceKey ?? null,
  };
  return { ...content, ...vectorCellsOf(paper.vectors, modelId, aspects) };
}

/** The embedding cells for `vectors` from `modelId`; all null (and no model) when there are none. */
export function vectorCellsOf<A extends string = Aspect>(
  vectors: Readonly<Record<A, Float32Array>> | null,
  modelId: string,
  aspects: readonly A[] = defaultAspects<A>(),
): VectorCells<A> {
  const cells: Record<string, string | Float32Array | null> = { embedded_model: vectors ? modelId : null };
  for (const aspect of aspects) cells[vectorColumn(aspect)] = vectors?.[aspect] ?? null;
  return cells as VectorCells<A>;
}

/** The embedding cells of a stored row, as they are. */
export function storedVectorCells<A extends string = Aspect>(row: Row, aspects: readonly A[] = defaultAspects<A>()): VectorCells<A> {
  const cells: Record<string, string | Float32Array | null> = { embedded_model: nullableString(row.embedded_model) };
  for (const aspect of aspects) {
    const value = row[vectorColumn(aspect)];
    cells[vectorColumn(aspect)] = value == null ? null : toFloat32(value);
  }
  return cells as VectorCells<A>;
}

/** A stored row's content columns (everything but the embedding), as plain values. */
export function contentRow(row: Row): StoredContentRow {
  return {
    id: String(row.id),
    title: String(row.title),
    abstract: String(row.abstract),
    authors: toStringArray(row.authors),
    year: nullableNumber(row.year),
    date: nullableString(row.date),
    venue: nullableString(row.venue),
    arxiv_id: nullableString(row.arxiv_id),
    doi: nullableString(row.doi),
    url: nullableString(row.url),
    source_file: nullableString(row.source_file),
    source_line: nullableNumber(row.source_line),
    imported_at: String(row.imported_at),
    seq: Number(row.seq),
    title_only: Boolean(row.title_only),
    norm_title: String(row.norm_title),
    terms: String(row.terms),
    text: String(row.text),
    dedup_keys: toStringArray(row.dedup_keys),
    pending: row.pending === true,
    library: nullableString(row.library),
    cite_key: nullableString(row.cite_key),
    source_record: nullableString(row.source_record),
    source_key: nullableString(row.source_key),
  };
}

/** The Paper a stored row (METADATA_COLUMNS) reads as; `embedded` when its vectors came from `modelId`. */
export function toPaper(row: Row, modelId: string, aspects: readonly string[] = defaultAspects()): Paper {
  const library = parseLibrary(row.library);
  return {
    ...toSummary(row),
    filePath: library.filePath ?? null,
    collections: library.collections ?? [],
    tags: library.tags ?? [],
    pending: row.pending === true,
    citeKey: nullableString(row.cite_key),
    abstract: cellText(row.abstract),
    sourceFile: nullableString(row.source_file),
    sourceLine: nullableNumber(row.source_line),
    terms: parseTerms(row.terms, aspects),
    embedded: row.embedded_model === modelId,
  };
}

export function toNeighbourPaper(row: Row, aspects: readonly string[] = defaultAspects()): NeighbourPaper {
  return { ...toSummary(row), abstract: cellText(row.abstract), terms: parseTerms(row.terms, aspects) };
}

export function toSummary(row: Row): PaperSummary {
  return {
    id: String(row.id),
    title: String(row.title),
    authors: toStringArray(row.authors),
    year: nullableNumber(row.year),
    date: nullableString(row.date),
    venue: nullableString(row.venue),
    arxivId: nullableString(row.arxiv_id),
    doi: nullableString(row.doi),
    url: nullableString(row.url),
    titleOnly: Boolean(row.title_only),
    importedAt: String(row.imported_at),
    sourceKey: nullableString(row.source_key),
  };
}

/** The `terms` JSON as one (possibly empty) list per term aspect; other keys are dropped. */
export function parseTerms(value: unknown, aspects: readonly string[] = defaultAspects()): AspectTerms {
  const parsed = typeof value === 'string' && value.length > 0 ? (JSON.parse(value) as Partial<Record<string, string[]>>) : {};
  const terms: Record<string, string[]> = {};
  for (const aspect of termAspects(aspects)) terms[aspect] = parsed[aspect] ?? [];
  return terms as unknown as AspectTerms;
}

export function libraryJson(fields: StoredLibraryFields | undefined): string | null {
  if (!fields) return null;
  const kept: StoredLibraryFields = {};
  if (fields.filePath) kept.filePath = fields.filePath;
  if (fields.collections && fields.collections.length > 0) kept.collections = fields.collections;
  if (fields.tags && fields.tags.length > 0) kept.tags = fields.tags;
  if (fields.recordKey) kept.recordKey = fields.recordKey;
  return Object.keys(kept).length > 0 ? JSON.stringify(kept) : null;
}

export function parseLibrary(value: unknown): StoredLibraryFields {
  if (typeof value !== 'string' || value.length === 0) return {};
  return JSON.parse(value) as StoredLibraryFields;
}

export function nullableString(value: unknown): string | null {
  return value === null || value === undefined ? null : cellText(value);
}

/** A cell as text: strings as they are, numbers and booleans written out, anything else empty. */
export function cellText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return '';
}

export function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Arrow list cells arrive as Vectors (with toArray); plain arrays pass through. */
export function toStringArray(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  const vector = value as { toArray?: () => unknown };
  if (typeof vector.toArray === 'function') return Array.from(vector.toArray() as ArrayLike<unknown>, String);
  return [];
}

export function toFloat32(value: unknown): Float32Array {
  if (value instanceof Float32Array) return value;
  const vector = value as { toArray?: () => unknown };
  if (typeof vector.toArray === 'function') return Float32Array.from(vector.toArray() as ArrayLike<number>);
  return Float32Array.from(value as ArrayLike<number>);
}
