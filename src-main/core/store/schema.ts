/**
 * The explicit Arrow schema of the `papers` table. One row per paper: its digest and metadata,
 * the tagger's aspect terms, the FTS text, the dedup keys that identify it, and one
 * FixedSizeList<Float32>(dims) column per aspect. Vector columns are nullable: a paper whose
 * vectors are not written yet (after a model change) has nulls there and `embedded_model` null.
 */
import { Bool, DataType, Field, FixedSizeList, Float32, Int32, List, Schema, Utf8 } from 'apache-arrow';
import { ASPECTS, type Aspect } from '../../common/contract.ts';

export const PAPERS_TABLE = 'papers';

/** The vector column that holds one aspect's embedding. */
export function vectorColumn(aspect: Aspect): `vec_${Aspect}` {
  return `vec_${aspect}`;
}

export const VECTOR_COLUMNS = ASPECTS.map(vectorColumn);

/** One stored row as JavaScript sees it when writing. */
export interface PaperRow {
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
  /** Id of the model whose vectors this row holds; null while not embedded. */
  embedded_model: string | null;
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
  vec_generic: number[] | Float32Array | null;
  vec_task: number[] | Float32Array | null;
  vec_method: number[] | Float32Array | null;
  vec_dataset: number[] | Float32Array | null;
}

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

/**
 * Columns added after the first release, with the SQL that fills them in on a table created before
 * them (PaperStore.open adds them once, through LanceDB schema evolution).
 */
export const ADDED_COLUMNS = [
  { name: 'pending', valueSql: 'CAST(false AS BOOLEAN)' },
  { name: 'library', valueSql: 'CAST(NULL AS STRING)' },
  { name: 'cite_key', valueSql: 'CAST(NULL AS STRING)' },
  { name: 'source_record', valueSql: 'CAST(NULL AS STRING)' },
  { name: 'source_key', valueSql: 'CAST(NULL AS STRING)' },
] as const;

const utf8 = (name: string, nullable = false): Field => new Field(name, new Utf8(), nullable);

export function papersSchema(dims: number): Schema {
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
    ...VECTOR_COLUMNS.map(
      (name) => new Field(name, new FixedSizeList(dims, new Field('item', new Float32(), true)), true),
    ),
  ]);
}

/** Dims of the vector columns of a stored schema (all four are equal by construction). */
export function schemaDims(schema: Schema): number | null {
  const field = schema.fields.find((f) => f.name === 'vec_generic');
  if (!field) return null;
  return DataType.isFixedSizeList(field.type) ? (field.type as FixedSizeList).listSize : null;
}
