/**
 * The explicit Arrow schema of the `papers` table. One row per paper: its digest and metadata,
 * the tagger's aspect terms, the FTS text, the dedup keys that identify it, and one
 * FixedSizeList<Float32>(dims) column per aspect of ASPECTS. Vector columns are nullable: a paper whose
 * vectors are not written yet (after a model change) has nulls there and `embedded_model` null.
 */
import { Bool, DataType, Field, FixedSizeList, Float32, Int32, List, Schema, Utf8 } from 'apache-arrow';
import { ASPECTS, type Aspect } from '../../common/contract.ts';

export const PAPERS_TABLE = 'papers';

/**
 * The aspects the store is built for. Schema and row builders take the list as a parameter (the
 * real one by default), so every per-aspect column is derived from it and never written out.
 */
export const STORE_ASPECTS: readonly Aspect[] = ASPECTS;

/** The aspect list as a list of `A`: the default of the builders that are generic over aspects. */
export function defaultAspects<A extends string>(): readonly A[] {
  return STORE_ASPECTS as readonly string[] as readonly A[];
}

export type VectorColumn<A extends string = Aspect> = `vec_${A}`;

/** The vector column that holds one aspect's embedding. */
export function vectorColumn<A extends string>(aspect: A): VectorColumn<A> {
  return `vec_${aspect}`;
}

export const VECTOR_COLUMNS: readonly VectorColumn[] = STORE_ASPECTS.map(vectorColumn);

/**
 * The aspects with terms of their own in the `terms` JSON: all but the overall ("generic")
 * embedding, which the tagger has no mentions for.
 */
export function termAspects<A extends string>(aspects: readonly A[]): Exclude<A, 'generic'>[] {
  return aspects.filter((aspect): aspect is Exclude<A, 'generic'> => aspect !== 'generic');
}

/** What a stored row holds besides its embedding: metadata, terms, FTS text, dedup keys. */
export interface PaperContentRow {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  year: number | null;
  date: string | null;
  venue: string | null;
  arxiv_id: string | null;
  doi: string | null;
  url: string | null;
  source_file: string | null;
  source_line: number | null;
  imported_at: string;
  /** Insertion order across the library's life: the "newest import first" sort key. */
  seq: number;
  title_only: boolean;
  norm_title: string;
  /** JSON of AspectTerms. */
  terms: string;
  /** title + abstract: what the full-text index covers. */
  text: string;
  /** Keys from the importer's dedupKeys(): any match means "same paper". */
  dedup_keys: string[];
  /** An identifier stub whose metadata is not fetched yet: never embedded (null on tables older than the column = false). */
  pending: boolean | null;
  /** JSON of LibraryFields (PDF path, Zotero collections, tags, record key); null when the paper has none. */
  library: string | null;
  /** The citation key exports use: the source's own key, else one generated once on storing (never changed after). */
  cite_key: string | null;
  /** JSON of the SourceRecord (the record as its BibTeX / RIS / CSL-JSON source wrote it); null for other sources. */
  source_record: string | null;
  /** The key the record came with (JSON id, BibTeX key, CSL-JSON id, RIS ID); papers are found by it too. */
  source_key: string | null;
}

/** A row's embedding: the model it came from (null while not embedded) and one vector column per aspect. */
export type VectorCells<A extends string = Aspect> = { embedded_model: string | null } & Record<VectorColumn<A>, number[] | Float32Array | null>;

/** One stored row as JavaScript sees it when writing. */
export type PaperRow<A extends string = Aspect> = PaperContentRow & VectorCells<A>;

/** Columns without the vectors: what list/get/search read back. */
export const METADATA_COLUMNS = [
  'id',
  'title',
  'abstract',
  'authors',
  'year',
  'date',
  'venue',
  'arxiv_id',
  'doi',
  'url',
  'source_file',
  'source_line',
  'imported_at',
  'seq',
  'title_only',
  'norm_title',
  'terms',
  'embedded_model',
  'pending',
  'library',
  'cite_key',
  'source_record',
  'source_key',
] as const;

/** Every column but the vectors: what a rewrite that keeps the vectors aside reads. */
export const CONTENT_COLUMNS = [...METADATA_COLUMNS, 'text', 'dedup_keys'] as const;

/** The columns a neighbour list row is read from (no library fields, sources, sequence or vectors). */
export const NEIGHBOUR_COLUMNS = ['id', 'title', 'abstract', 'authors', 'year', 'date', 'venue', 'arxiv_id', 'doi', 'url', 'imported_at', 'title_only', 'terms', 'source_key'] as const;

const utf8 = (name: string, nullable = false): Field => new Field(name, new Utf8(), nullable);

export function papersSchema(dims: number, aspects: readonly string[] = STORE_ASPECTS): Schema {
  if (!Number.isInteger(dims) || dims <= 0) throw new Error(`papersSchema: dims must be a positive integer, got ${dims}`);
  return new Schema([
    utf8('id'),
    utf8('title'),
    utf8('abstract'),
    new Field('authors', new List(new Field('item', new Utf8(), true)), false),
    new Field('year', new Int32(), true),
    utf8('date', true),
    utf8('venue', true),
    utf8('arxiv_id', true),
    utf8('doi', true),
    utf8('url', true),
    utf8('source_file', true),
    new Field('source_line', new Int32(), true),
    utf8('imported_at'),
    new Field('seq', new Int32(), false),
    new Field('title_only', new Bool(), false),
    utf8('norm_title'),
    utf8('terms'),
    utf8('text'),
    new Field('dedup_keys', new List(new Field('item', new Utf8(), true)), false),
    utf8('embedded_model', true),
    new Field('pending', new Bool(), true),
    utf8('library', true),
    utf8('cite_key', true),
    utf8('source_record', true),
    utf8('source_key', true),
    ...aspects.map(
      (aspect) => new Field(vectorColumn(aspect), new FixedSizeList(dims, new Field('item', new Float32(), true)), true),
    ),
  ]);
}

/** Dims of the vector columns of a stored schema (all are equal by construction), read from the first aspect's. */
export function schemaDims(schema: Schema, aspects: readonly string[] = STORE_ASPECTS): number | null {
  const first = aspects[0];
  const field = first === undefined ? undefined : schema.fields.find((f) => f.name === vectorColumn(first));
  if (!field) return null;
  return DataType.isFixedSizeList(field.type) ? (field.type).listSize : null;
}
