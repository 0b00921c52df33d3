/**
 * The LanceDB store: one `papers` table (explicit Arrow schema, see schema.ts) plus a meta file
 * naming the model its vectors came from.
 *
 * Promises:
 * - `addPapers` writes a whole batch (metadata + vectors) in ONE table write, so a crash loses at
 *   most the batch in flight and never leaves a paper half-stored.
 * - Opening with a different model (id or dims) keeps every paper but drops its vectors
 *   (`embedded_model` null, vector columns null); `pendingRows` + `writeVectors` then rebuild them
 *   batch by batch, and whatever is still pending after a crash is picked up on the next open.
 * - Vectors of two models are never mixed in one table.
 */
import fs from 'node:fs';
// Before LanceDB loads: Lance's CPU pool must not be a single thread (see lance-cpu-pool.ts).
import './lance-cpu-pool.ts';
// Before LanceDB loads: routine native notices stay off stderr (see lance-log-level.ts).
import './lance-log-level.ts';
import * as lancedb from '@lancedb/lancedb';
import { ASPECTS, FacetError, type Aspect, type AspectTerms, type ListSort, type Paper, type PaperPage, type PaperSummary } from '../../common/contract.ts';
import type { AspectVectors } from '../types.ts';
import { withCommitRetry } from './commit-retry.ts';
import { readMeta, writeMeta } from './meta.ts';
import { rowsToArrowTable } from './arrow-rows.ts';
import { reciprocalRankFusion } from './rank-fusion.ts';
import { ADDED_COLUMNS, METADATA_COLUMNS, PAPERS_TABLE, VECTOR_COLUMNS, papersSchema, schemaDims, vectorColumn, type PaperRow } from './schema.ts';
import { sqlString } from './sql.ts';
import { baseCitationKey, disambiguatedKey } from '../export/citation-key.ts';
import { sourceCitationKey, type SourceRecord } from '../import/source-record.ts';

/**
 * Below this many embedded rows, vector queries scan every vector: exact, and a few milliseconds
 * for a few thousand rows of a few hundred dims. IVF partitions also need enough rows to train
 * their centroids; under ~5k rows an index would be both slower to build and less exact.
 */
export const ANN_INDEX_MIN_ROWS = 5_000;
/** Partitions probed per ANN query: recall close to exact at this library size. */
const ANN_NPROBES = 20;
const FTS_INDEX_NAME = 'text_idx';
const READ_CONSISTENCY_S = 2;
/**
 * Table versions older than this are deleted when indexes are refreshed. Facet never reads an old
 * version on purpose, and every connection moves to the newest one within READ_CONSISTENCY_S, so
 * ten minutes is far beyond any reader; LanceDB's own default (7 days) would keep the pre-compaction
 * copy of each import on disk for a week (measured: 232 MB against 136 MB for 10k papers).
 */
export const VERSION_RETENTION_MS = 10 * 60_000;
const CONTENT_COLUMNS = [...METADATA_COLUMNS, 'text', 'dedup_keys'] as const;

/** A neighbour list row: the summary, plus what its reason is built from (terms, title, abstract). */
export interface NeighbourPaper extends PaperSummary {
  abstract: string;
  terms: AspectTerms;
}

/** The columns NeighbourPaper is read from (no library fields, sources, sequence or vectors). */
export const NEIGHBOUR_COLUMNS = ['id', 'title', 'abstract', 'authors', 'year', 'date', 'venue', 'arxiv_id', 'doi', 'url', 'imported_at', 'title_only', 'terms', 'source_key'] as const;

export interface StoreModel {
  id: string;
  dims: number;
}

/** A paper ready to store: metadata already deduplicated and tagged, vectors already computed. */
export interface NewPaper {
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
  vectors: AspectVectors | null;
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
export type StoredContentRow = Omit<PaperRow, 'embedded_model' | 'vec_generic' | 'vec_task' | 'vec_method' | 'vec_dataset'>;

export interface StoredHit {
  paper: Paper;
  score: number;
  rank: number;
}

/** A stored paper still waiting for vectors. */
export interface PendingPaper {
  id: string;
  title: string;
  abstract: string;
}

export interface OpenStoreOptions {
  /**
   * Runs the writes opening may need (creating the table, adding columns, dropping vectors of
   * another model) while holding the library's writer lock; see library-lock.ts. Default: runs
   * them directly (single-process callers such as tools).
   */
  exclusive?: <T>(purpose: string, write: () => Promise<T>) => Promise<T>;
}

export interface OpenedStore {
  store: PaperStore;
  /** True when the stored vectors came from another model and were dropped for re-embedding. */
  modelChanged: boolean;
}

type Row = Record<string, unknown>;

export class PaperStore {
  private nextSeq: number;
  private writeGuard: (() => void) | null = null;

  private constructor(
    private readonly db: lancedb.Connection,
    private table: lancedb.Table,
    readonly model: StoreModel,
    readonly dir: string,
    nextSeq: number,
  ) {
    this.nextSeq = nextSeq;
  }

  /** Opens (or creates) the store in `dir` for `model`; see the class comment for model changes. */
  static async open(dir: string, model: StoreModel, options: OpenStoreOptions = {}): Promise<OpenedStore> {
    fs.mkdirSync(dir, { recursive: true });
    // Re-check for other processes' commits at most every READ_CONSISTENCY_S, so an app that is
    // open sees papers a CLI import added meanwhile; writes are always checked by LanceDB.
    const db = await lancedb.connect(dir, { readConsistencyInterval: READ_CONSISTENCY_S });
    const exclusive = options.exclusive ?? ((_purpose, write) => write());
    let opened = await openTable(db, dir, model, false);
    if (opened === null) {
      // Something must be written first: do it under the writer lock, deciding again there,
      // since another process may have done it meanwhile.
      opened = await exclusive('opening the library', async () => (await openTable(db, dir, model, true))!);
    }
    const { table, modelChanged } = opened;
    const nextSeq = await maxSeq(table) + 1;
    const store = new PaperStore(db, table, model, dir, nextSeq);
    await store.assignMissingCiteKeys();
    return { store, modelChanged };
  }

  /**
   * Called before every table commit; throws to refuse it. openFacet sets one that requires the
   * writer lock to be held (and still ours), so a write that skipped the lock, or whose lock was
   * taken over, fails instead of writing beside another process.
   */
  setWriteGuard(guard: (() => void) | null): void {
    this.writeGuard = guard;
  }

  /** One table commit: checked by the write guard, Lance conflicts retried (commit-retry.ts). */
  commit<T>(what: string, write: () => Promise<T>): Promise<T> {
    this.writeGuard?.();
    return withCommitRetry(what, write);
  }

  /** The LanceDB table, for the store's own upkeep modules (index health, repair). */
  get lanceTable(): lancedb.Table {
    return this.table;
  }

  /**
   * Moves this connection to the table's newest version now, rather than within
   * READ_CONSISTENCY_S: a writer that has just taken the lock must decide on what is stored.
   */
  async refreshView(): Promise<void> {
    await this.table.checkoutLatest();
  }

  async close(): Promise<void> {
    this.table.close();
    this.db.close();
  }

  count(): Promise<number> {
    return this.table.countRows();
  }

  countEmbedded(): Promise<number> {
    return this.table.countRows(`embedded_model = ${sqlString(this.model.id)}`);
  }

  countTitleOnly(): Promise<number> {
    return this.table.countRows('title_only = true');
  }

  /** Continues insertion numbering after rows another process may have added since open. */
  async syncSequence(): Promise<void> {
    this.nextSeq = Math.max(this.nextSeq, (await maxSeq(this.table)) + 1);
    this.usedKeys = null;
  }

  /** Every dedup key of every stored paper: the import's "already have it" set. */
  async loadDedupKeys(): Promise<Set<string>> {
    const keys = new Set<string>();
    for await (const batch of this.table.query().select(['dedup_keys'])) {
      const column = batch.getChild('dedup_keys');
      if (!column) continue;
      for (let i = 0; i < batch.numRows; i++) {
        for (const key of toStringArray(column.get(i))) keys.add(key);
      }
    }
    return keys;
  }

  /** Stores a batch with its vectors in one atomic table write. */
  async addPapers(papers: readonly NewPaper[]): Promise<void> {
    if (papers.length === 0) return;
    const importedAt = new Date().toISOString();
    const keys = await this.newCiteKeys(papers);
    const rows: PaperRow[] = papers.map((paper, index) => {
      paper = { ...paper, citeKey: keys[index] ?? null };
      if (paper.vectors) this.assertVectors(paper.id, paper.vectors);
      else if (!paper.pending) throw new FacetError('MODEL', `paper ${paper.id}: no vectors (only pending stubs are stored without them)`);
      return this.toRow(paper, { seq: this.nextSeq + index, importedAt });
    });
    await this.commit(`storing ${rows.length} papers`, () => this.table.add(this.arrow(rows)));
    this.nextSeq += rows.length;
  }

  /**
   * Keys for papers about to be stored: the one given, else the source's own, else a generated one
   * that no stored paper (nor an earlier one of the batch) uses.
   */
  private async newCiteKeys(papers: readonly NewPaper[]): Promise<(string | null)[]> {
    // Keys of a batch whose write then fails stay "in use" until the next sync: harmless, a later
    // paper only gets a suffix it did not need.
    const used = await this.citeKeysInUse();
    return papers.map((paper) => {
      // A stub has no title or authors to build a key from yet: it gets one when it is filled.
      if (paper.pending && !paper.citeKey) return null;
      const key = paper.citeKey ?? sourceCitationKey(paper.sourceRecord) ?? disambiguatedKey(baseCitationKey(paper), used);
      used.add(key);
      return key;
    });
  }

  private usedKeys: Set<string> | null = null;

  /** Every stored citation key (read once, then kept current by addPapers; syncSequence re-reads it). */
  private async citeKeysInUse(): Promise<Set<string>> {
    if (this.usedKeys) return this.usedKeys;
    const keys = new Set<string>();
    for await (const batch of this.table.query().where('cite_key IS NOT NULL').select(['cite_key'])) {
      const column = batch.getChild('cite_key');
      if (!column) continue;
      for (let i = 0; i < batch.numRows; i++) keys.add(String(column.get(i)));
    }
    this.usedKeys = keys;
    return keys;
  }

  /**
   * Gives every stored paper without a citation key (rows from before keys were stored) a generated
   * one, oldest import first, in one atomic rewrite of those rows. Runs when the store opens.
   */
  async assignMissingCiteKeys(): Promise<number> {
    const missing = await this.table.countRows(`cite_key IS NULL AND ${NOT_STUB}`);
    if (missing === 0) return 0;
    const rows = (await this.table
      .query()
      .where(`cite_key IS NULL AND ${NOT_STUB}`)
      .select([...CONTENT_COLUMNS, ...VECTOR_COLUMNS])
      .toArray()) as Row[];
    rows.sort((a, b) => Number(a.seq) - Number(b.seq));
    const used = await this.citeKeysInUse();
    const full: PaperRow[] = rows.map((row) => {
      const content = contentRow(row);
      const key = disambiguatedKey(baseCitationKey({ id: content.id, title: content.title, authors: content.authors, year: content.year }), used);
      used.add(key);
      return { ...content, cite_key: key, ...vectorCells(row) };
    });
    await this.table.mergeInsert('id').whenMatchedUpdateAll().execute(this.arrow(full));
    return full.length;
  }

  /**
   * Rewrites stored papers whole (metadata, dedup keys and vectors) in one atomic merge, keeping
   * each one's place in the import order. Throws NOT_FOUND when one of them is not stored.
   */
  async replacePapers(papers: readonly NewPaper[]): Promise<void> {
    if (papers.length === 0) return;
    const ids = papers.map((paper) => paper.id);
    const stored = (await this.table
      .query()
      .where(`id IN (${ids.map(sqlString).join(', ')})`)
      .select(['id', 'seq', 'imported_at', 'cite_key', 'source_record', 'source_key'])
      .limit(ids.length)
      .toArray()) as Row[];
    const placeOf = new Map(
      stored.map((row) => [
        String(row.id),
        { seq: Number(row.seq), importedAt: String(row.imported_at), citeKey: nullableString(row.cite_key), source: nullableString(row.source_record), sourceKey: nullableString(row.source_key) },
      ]),
    );
    const unkeyed = papers.filter((paper) => !placeOf.get(paper.id)?.citeKey && !paper.pending);
    const newKeys = new Map(unkeyed.map((paper, i) => [paper.id, i]));
    const generated = unkeyed.length > 0 ? await this.newCiteKeys(unkeyed) : [];
    const rows: PaperRow[] = papers.map((paper) => {
      const place = placeOf.get(paper.id);
      if (!place) throw new FacetError('NOT_FOUND', `no paper with id ${JSON.stringify(paper.id)}`);
      if (paper.vectors) this.assertVectors(paper.id, paper.vectors);
      const at = newKeys.get(paper.id);
      const citeKey = place.citeKey ?? (at === undefined ? null : generated[at] ?? null);
      const row = this.toRow({ ...paper, citeKey }, place);
      if (paper.sourceRecord === undefined) row.source_record = place.source;
      if (paper.sourceKey === undefined) row.source_key = place.sourceKey;
      return row;
    });
    await this.commit(`rewriting ${rows.length} papers`, () => this.table.mergeInsert('id').whenMatchedUpdateAll().execute(this.arrow(rows)));
  }

  /** The stored rows of papers without their vectors (what a deletion keeps aside for undo), in the order asked; unknown ids are left out. */
  async contentRowsOf(ids: readonly string[]): Promise<StoredContentRow[]> {
    const found = new Map<string, StoredContentRow>();
    for (let start = 0; start < ids.length; start += 500) {
      const list = ids.slice(start, start + 500).map(sqlString).join(', ');
      const rows = (await this.table.query().where(`id IN (${list})`).select([...CONTENT_COLUMNS]).toArray()) as Row[];
      for (const row of rows) found.set(String(row.id), contentRow(row));
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  /**
   * Puts rows kept by contentRowsOf back, at their old place in the import order and with their
   * citation keys, with new vectors (none for pending stubs), in one table write. Rows whose id is
   * stored again meanwhile are left out and returned.
   */
  async restoreContentRows(rows: readonly StoredContentRow[], vectors: ReadonlyMap<string, AspectVectors>): Promise<string[]> {
    const present = new Set((await this.getMany(rows.map((row) => row.id))).map((paper) => paper.id));
    const full: PaperRow[] = rows
      .filter((row) => !present.has(row.id))
      .map((row) => {
        const v = vectors.get(row.id);
        if (v) this.assertVectors(row.id, v);
        else if (!row.pending) throw new FacetError('MODEL', `paper ${row.id}: no vectors to restore it with`);
        return { ...row, embedded_model: v ? this.model.id : null, vec_generic: v?.generic ?? null, vec_task: v?.task ?? null, vec_method: v?.method ?? null, vec_dataset: v?.dataset ?? null };
      });
    if (full.length > 0) await this.table.add(this.arrow(full));
    for (const row of full) if (row.cite_key) this.usedKeys?.add(row.cite_key);
    return rows.filter((row) => present.has(row.id)).map((row) => row.id);
  }

  /** Deletes papers by id (one table write); unknown ids are ignored. */
  async deletePapers(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.commit(`deleting ${ids.length} papers`, () => this.table.delete(`id IN (${ids.map(sqlString).join(', ')})`));
  }

  /** The dedup keys and library fields of one stored paper (what a merge unites); null when unknown. */
  async identityOf(id: string): Promise<{ dedupKeys: string[]; library: StoredLibraryFields } | null> {
    const rows = (await this.table.query().where(`id = ${sqlString(id)}`).select(['dedup_keys', 'library']).limit(1).toArray()) as Row[];
    if (!rows[0]) return null;
    return { dedupKeys: toStringArray(rows[0].dedup_keys), library: parseLibrary(rows[0].library) };
  }

  /** A page of papers; `imported` = newest first, `title` = A-Z, `year` = newest first (unknown last). */
  async list(offset: number, limit: number, sort: ListSort): Promise<PaperPage> {
    const ordering: lancedb.ColumnOrdering[] =
      sort === 'title'
        ? [{ columnName: 'norm_title', ascending: true }, { columnName: 'seq', ascending: true }]
        : sort === 'year'
          ? [{ columnName: 'year', ascending: false, nullsFirst: false }, { columnName: 'seq', ascending: false }]
          : [{ columnName: 'seq', ascending: false }];
    const [total, rows] = await Promise.all([
      this.table.countRows(),
      this.table.query().select([...METADATA_COLUMNS]).orderBy(ordering).offset(offset).limit(limit).toArray() as Promise<Row[]>,
    ]);
    return { total, offset, items: rows.map((row) => toSummary(row)) };
  }

  async get(id: string): Promise<Paper | null> {
    const rows = (await this.table.query().where(`id = ${sqlString(id)}`).select([...METADATA_COLUMNS]).limit(1).toArray()) as Row[];
    return rows[0] ? this.toPaper(rows[0]) : null;
  }

  /** Ids of the papers that came with this source key (a record's own id or citation key), in import order. */
  async idsWithSourceKey(key: string, limit = 10): Promise<string[]> {
    const rows = (await this.table.query().where(`source_key = ${sqlString(key)}`).select(['id', 'seq']).limit(limit).toArray()) as Row[];
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map((row) => String(row.id));
  }

  /** Several papers by id, in the order asked; unknown ids are left out. */
  async getMany(ids: readonly string[]): Promise<Paper[]> {
    if (ids.length === 0) return [];
    const rows = (await this.table
      .query()
      .where(`id IN (${ids.map(sqlString).join(', ')})`)
      .select([...METADATA_COLUMNS])
      .limit(ids.length)
      .toArray()) as Row[];
    const byId = new Map(rows.map((row) => [String(row.id), this.toPaper(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** The source records of the given papers (those imported from BibTeX, RIS or CSL-JSON), by id. */
  async sourceRecordsOf(ids: readonly string[]): Promise<Map<string, SourceRecord>> {
    const records = new Map<string, SourceRecord>();
    for (let start = 0; start < ids.length; start += 500) {
      const list = ids.slice(start, start + 500).map(sqlString).join(', ');
      const rows = (await this.table.query().where(`id IN (${list}) AND source_record IS NOT NULL`).select(['id', 'source_record']).toArray()) as Row[];
      for (const row of rows) records.set(String(row.id), JSON.parse(String(row.source_record)) as SourceRecord);
    }
    return records;
  }

  /** One aspect vector of a stored paper; null when the paper has none yet. Throws NOT_FOUND. */
  async getVector(id: string, aspect: Aspect): Promise<Float32Array | null> {
    const column = vectorColumn(aspect);
    const rows = (await this.table.query().where(`id = ${sqlString(id)}`).select([column]).limit(1).toArray()) as Row[];
    if (!rows[0]) throw new FacetError('NOT_FOUND', `no paper with id ${JSON.stringify(id)}`);
    const value = rows[0][column];
    return value == null ? null : toFloat32(value);
  }

  /**
   * Every aspect vector of a stored paper, read in one query (what a rewrite that keeps the digest
   * stores again). Throws NOT_FOUND without the paper, MODEL while it has no vectors yet.
   */
  async aspectVectorsOf(id: string): Promise<AspectVectors> {
    const rows = (await this.table.query().where(`id = ${sqlString(id)}`).select(VECTOR_COLUMNS).limit(1).toArray()) as Row[];
    if (!rows[0]) throw new FacetError('NOT_FOUND', `no paper with id ${JSON.stringify(id)}`);
    const row = rows[0];
    const vectors = {} as AspectVectors;
    for (const aspect of ASPECTS) {
      const value = row[vectorColumn(aspect)];
      if (value == null) throw new FacetError('MODEL', `paper ${JSON.stringify(id)} has no vectors yet (embedding is pending)`);
      vectors[aspect] = toFloat32(value);
    }
    return vectors;
  }

  /**
   * One aspect's vector of every paper embedded by the current model, by id (what the For-you
   * ranker trains on). Scans the table once: about 1 KB per paper at 256 dims.
   */
  async allVectors(aspect: Aspect): Promise<Map<string, Float32Array>> {
    const column = vectorColumn(aspect);
    const vectors = new Map<string, Float32Array>();
    const query = this.table.query().where(`embedded_model = ${sqlString(this.model.id)}`).select(['id', column]);
    for await (const batch of query) {
      const ids = batch.getChild('id');
      const values = batch.getChild(column);
      if (!ids || !values) continue;
      for (let i = 0; i < batch.numRows; i++) {
        const value = values.get(i) as unknown;
        if (value != null) vectors.set(String(ids.get(i)), toFloat32(value));
      }
    }
    return vectors;
  }

  /** Id, title and aspect terms of every paper embedded by the current model, in import order: what the map draws and names its regions by. */
  async embeddedOutlines(): Promise<{ id: string; title: string; terms: AspectTerms }[]> {
    const rows: { id: string; title: string; terms: AspectTerms; seq: number }[] = [];
    const query = this.table.query().where(`embedded_model = ${sqlString(this.model.id)}`).select(['id', 'title', 'terms', 'seq']);
    for await (const batch of query) {
      const ids = batch.getChild('id');
      const titles = batch.getChild('title');
      const terms = batch.getChild('terms');
      const seqs = batch.getChild('seq');
      if (!ids || !titles || !terms || !seqs) continue;
      for (let i = 0; i < batch.numRows; i++) {
        rows.push({ id: String(ids.get(i)), title: String(titles.get(i) ?? ''), terms: parseTerms(terms.get(i)), seq: Number(seqs.get(i)) });
      }
    }
    return rows.sort((a, b) => a.seq - b.seq).map(({ id, title, terms }) => ({ id, title, terms }));
  }

  /** A paper and one aspect's vector in one read (null vector while embedding is pending); null when not stored. */
  async getWithVector(id: string, aspect: Aspect): Promise<{ paper: Paper; vector: Float32Array | null } | null> {
    const column = vectorColumn(aspect);
    const rows = (await this.table.query().where(`id = ${sqlString(id)}`).select([...METADATA_COLUMNS, column]).limit(1).toArray()) as Row[];
    if (!rows[0]) return null;
    const value = rows[0][column];
    return { paper: this.toPaper(rows[0]), vector: value == null ? null : toFloat32(value) };
  }

  /**
   * What `similar` shows and explains of its source paper, with one aspect's vector, in one lookup
   * that reads only those columns (null vector while embedding is pending); null when not stored.
   */
  async neighbourSource(id: string, aspect: Aspect): Promise<{ paper: NeighbourPaper; vector: Float32Array | null } | null> {
    const column = vectorColumn(aspect);
    const rows = (await this.table.query().where(`id = ${sqlString(id)}`).select([...NEIGHBOUR_COLUMNS, column]).limit(1).toArray()) as Row[];
    if (!rows[0]) return null;
    const value = rows[0][column];
    return { paper: toNeighbourPaper(rows[0]), vector: value == null ? null : toFloat32(value) };
  }

  /** Several papers by id, only the columns a neighbour list shows and explains, in the order asked; unknown ids are left out. */
  async neighbourPapers(ids: readonly string[]): Promise<NeighbourPaper[]> {
    if (ids.length === 0) return [];
    const rows = (await this.table
      .query()
      .where(`id IN (${ids.map(sqlString).join(', ')})`)
      .select([...NEIGHBOUR_COLUMNS])
      .limit(ids.length)
      .toArray()) as Row[];
    const byId = new Map(rows.map((row) => [String(row.id), toNeighbourPaper(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** The table's version: changes with every write, so a cache of the table's content can tell it is stale. */
  tableVersion(): Promise<number> {
    return this.table.version();
  }

  /** Every paper's id and indexed text (title + abstract), streamed in batches. */
  async *texts(): AsyncGenerator<{ id: string; text: string }> {
    for await (const batch of this.table.query().select(['id', 'text'])) {
      const ids = batch.getChild('id');
      const texts = batch.getChild('text');
      if (!ids || !texts) continue;
      for (let i = 0; i < batch.numRows; i++) yield { id: String(ids.get(i)), text: String(texts.get(i) ?? '') };
    }
  }

  /** One aspect's vectors of the given papers (those embedded by the current model), by id. */
  async vectorsOf(ids: readonly string[], aspect: Aspect): Promise<Map<string, Float32Array>> {
    const column = vectorColumn(aspect);
    const vectors = new Map<string, Float32Array>();
    for (let start = 0; start < ids.length; start += 500) {
      const list = ids.slice(start, start + 500).map(sqlString).join(', ');
      const rows = (await this.table
        .query()
        .where(`embedded_model = ${sqlString(this.model.id)} AND id IN (${list})`)
        .select(['id', column])
        .toArray()) as Row[];
      for (const row of rows) if (row[column] != null) vectors.set(String(row.id), toFloat32(row[column]));
    }
    return vectors;
  }

  /** Like `nearest`, but only ids and cosine similarities: the candidate list of a ranking that reads metadata later. */
  async nearestIds(vector: Float32Array, aspect: Aspect, limit: number, excludeId: string): Promise<{ id: string; score: number }[]> {
    const rows = (await this.table
      .vectorSearch(Array.from(vector))
      .column(vectorColumn(aspect))
      .distanceType('cosine')
      .nprobes(ANN_NPROBES)
      .where(`embedded_model = ${sqlString(this.model.id)} AND id != ${sqlString(excludeId)}`)
      .select(['id', '_distance'])
      .limit(limit)
      .toArray()) as Row[];
    return rows.map((row) => ({ id: String(row.id), score: 1 - Number(row._distance) }));
  }

  /** BM25 full-text search over title + abstract. */
  async keyword(query: string, limit: number): Promise<StoredHit[]> {
    const rows = (await this.table
      .query()
      .fullTextSearch(new lancedb.MatchQuery(query, 'text'))
      .select([...METADATA_COLUMNS, '_score'])
      .limit(limit)
      .toArray()) as Row[];
    return rows.map((row, index) => ({ paper: this.toPaper(row), score: Number(row._score), rank: index + 1 }));
  }

  /** Nearest papers to a query vector under one aspect, cosine similarity, best first. */
  async nearest(vector: Float32Array, aspect: Aspect, limit: number, excludeId?: string): Promise<StoredHit[]> {
    if (vector.length !== this.model.dims) {
      throw new FacetError('MODEL', `query vector has ${vector.length} dims, the store holds ${this.model.dims}`);
    }
    let query = this.table
      .vectorSearch(Array.from(vector))
      .column(vectorColumn(aspect))
      .distanceType('cosine')
      .nprobes(ANN_NPROBES)
      .select([...METADATA_COLUMNS, '_distance'])
      .limit(limit);
    query = query.where(
      excludeId === undefined
        ? `embedded_model = ${sqlString(this.model.id)}`
        : `embedded_model = ${sqlString(this.model.id)} AND id != ${sqlString(excludeId)}`,
    );
    const rows = (await query.toArray()) as Row[];
    return rows.map((row, index) => ({ paper: this.toPaper(row), score: 1 - Number(row._distance), rank: index + 1 }));
  }

  /** Keyword and semantic lists fused by reciprocal rank; the score is the fused RRF score. */
  async hybrid(query: string, vector: Float32Array, limit: number): Promise<StoredHit[]> {
    const depth = Math.max(limit * 2, 50);
    const [keyword, semantic] = await Promise.all([this.keyword(query, depth), this.nearest(vector, 'generic', depth)]);
    const papers = new Map<string, Paper>();
    for (const hit of [...keyword, ...semantic]) papers.set(hit.paper.id, hit.paper);
    const fused = reciprocalRankFusion([keyword.map((h) => h.paper.id), semantic.map((h) => h.paper.id)]).slice(0, limit);
    return fused.map((entry, index) => ({ paper: papers.get(entry.id)!, score: entry.score, rank: index + 1 }));
  }

  /** Neighbours of a stored paper under one aspect, itself excluded. Throws NOT_FOUND / MODEL. */
  async similar(id: string, aspect: Aspect, k: number): Promise<StoredHit[]> {
    const vector = await this.getVector(id, aspect);
    if (vector === null) {
      throw new FacetError('MODEL', `paper ${JSON.stringify(id)} has no vectors yet (embedding is pending)`);
    }
    return this.nearest(vector, aspect, k, id);
  }

  /** Papers waiting for vectors from the current model (pending identifier stubs are never embedded). */
  countPending(): Promise<number> {
    return this.table.countRows(`(embedded_model IS NULL OR embedded_model != ${sqlString(this.model.id)}) AND ${NOT_STUB}`);
  }

  /** Up to `limit` papers without vectors from the current model. */
  async pendingPapers(limit: number): Promise<PendingPaper[]> {
    const rows = (await this.table
      .query()
      .where(`(embedded_model IS NULL OR embedded_model != ${sqlString(this.model.id)}) AND ${NOT_STUB}`)
      .select(['id', 'title', 'abstract'])
      .limit(limit)
      .toArray()) as Row[];
    return rows.map((row) => ({ id: String(row.id), title: String(row.title), abstract: String(row.abstract) }));
  }

  /** Ids of stored papers (other than `excludeId`) holding any of `keys` as a dedup key. */
  async idsSharingDedupKeys(keys: readonly string[], excludeId: string): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = (await this.table
      .query()
      .where(`array_has_any(dedup_keys, make_array(${keys.map(sqlString).join(', ')})) AND id != ${sqlString(excludeId)}`)
      .select(['id'])
      .toArray()) as Row[];
    return rows.map((row) => String(row.id));
  }

  /** Ids of stored identifier stubs (metadata still to fetch), oldest import first. */
  async pendingStubIds(limit: number): Promise<string[]> {
    const rows = (await this.table
      .query()
      .where('pending = true')
      .select(['id'])
      .orderBy([{ columnName: 'seq', ascending: true }])
      .limit(limit)
      .toArray()) as Row[];
    return rows.map((row) => String(row.id));
  }

  /** Writes vectors for stored papers in one atomic merge (rows are rewritten whole). */
  async writeVectors(updates: ReadonlyMap<string, AspectVectors>): Promise<void> {
    if (updates.size === 0) return;
    const ids = [...updates.keys()];
    const rows = (await this.table
      .query()
      .where(`id IN (${ids.map(sqlString).join(', ')})`)
      .select([...CONTENT_COLUMNS])
      .limit(ids.length)
      .toArray()) as Row[];
    const full: PaperRow[] = rows.map((row) => {
      const id = String(row.id);
      const vectors = updates.get(id)!;
      this.assertVectors(id, vectors);
      return {
        ...contentRow(row),
        embedded_model: this.model.id,
        vec_generic: vectors.generic,
        vec_task: vectors.task,
        vec_method: vectors.method,
        vec_dataset: vectors.dataset,
      };
    });
    await this.commit(`storing vectors of ${full.length} papers`, () => this.table.mergeInsert('id').whenMatchedUpdateAll().execute(this.arrow(full)));
  }

  /**
   * Keeps indexes in step with the data: folds new rows into the FTS and vector indexes
   * (optimize also compacts the small fragments that batch writes leave), and builds or rebuilds
   * an IVF index per vector column once enough rows exist (see ANN_INDEX_MIN_ROWS), and deletes
   * table versions older than `versionRetentionMs` (default VERSION_RETENTION_MS).
   */
  async refreshIndexes(options: { versionRetentionMs?: number } = {}): Promise<void> {
    const indices = await this.table.listIndices();
    if (!indices.some((index) => index.columns.includes('text'))) await this.commit('building the full-text index', () => createFtsIndex(this.table));
    // Lookups by id (the open paper, a neighbour's vector, a page of metadata) would scan the table.
    if (!indices.some((index) => index.columns.includes('id'))) {
      await this.commit('building the id index', () => this.table.createIndex('id', { config: lancedb.Index.btree() }));
    }
    const embedded = await this.countEmbedded();
    if (embedded >= ANN_INDEX_MIN_ROWS) {
      for (const column of VECTOR_COLUMNS) {
        const existing = indices.find((index) => index.columns.includes(column));
        const stats = existing ? await this.table.indexStats(existing.name) : undefined;
        // IVF centroids trained on a much smaller library no longer partition it well: retrain.
        const stale = stats !== undefined && stats.numIndexedRows * 2 < embedded;
        if (!existing || stale) {
          await this.commit(`building the ${column} index`, () =>
            this.table.createIndex(column, {
              config: lancedb.Index.ivfFlat({ distanceType: 'cosine', numPartitions: Math.max(1, Math.round(Math.sqrt(embedded))) }),
              replace: true,
            }),
          );
        }
      }
    }
    const cleanupOlderThan = new Date(Date.now() - (options.versionRetentionMs ?? VERSION_RETENTION_MS));
    await this.commit('updating the search indexes', () => this.table.optimize({ cleanupOlderThan }));
  }

  /** Names of the indexes on the table (for stats and tests). */
  async indexNames(): Promise<{ name: string; columns: string[]; type: string }[]> {
    return (await this.table.listIndices()).map((index) => ({ name: index.name, columns: index.columns, type: index.indexType }));
  }

  /** The stored row of a paper at its place in the import order. */
  private toRow(paper: NewPaper, place: { seq: number; importedAt: string }): PaperRow {
    return {
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
      embedded_model: paper.vectors ? this.model.id : null,
      vec_generic: paper.vectors?.generic ?? null,
      vec_task: paper.vectors?.task ?? null,
      vec_method: paper.vectors?.method ?? null,
      vec_dataset: paper.vectors?.dataset ?? null,
    };
  }

  private assertVectors(id: string, vectors: AspectVectors): void {
    for (const aspect of ASPECTS) {
      const vector = vectors[aspect];
      if (!vector || vector.length !== this.model.dims) {
        throw new FacetError('MODEL', `paper ${id}: ${aspect} vector has ${vector?.length ?? 0} dims, expected ${this.model.dims}`);
      }
      for (const value of vector) {
        if (!Number.isFinite(value)) throw new FacetError('MODEL', `paper ${id}: ${aspect} vector holds a non-finite value`);
      }
    }
  }

  private arrow(rows: PaperRow[]) {
    const values = rows as unknown as Record<string, unknown>[];
    const schema = papersSchema(this.model.dims);
    return rowsToArrowTable(values, schema) ?? lancedb.makeArrowTable(values, { schema });
  }

  private toPaper(row: Row): Paper {
    const library = parseLibrary(row.library);
    return {
      ...toSummary(row),
      filePath: library.filePath ?? null,
      collections: library.collections ?? [],
      tags: library.tags ?? [],
      pending: row.pending === true,
      citeKey: nullableString(row.cite_key),
      abstract: String(row.abstract ?? ''),
      sourceFile: nullableString(row.source_file),
      sourceLine: nullableNumber(row.source_line),
      terms: parseTerms(row.terms),
      embedded: row.embedded_model === this.model.id,
    };
  }
}

/**
 * Opens the papers table, or returns null when that first needs a write (no table yet, columns
 * to add, vectors of another model to drop) and `write` is false.
 */
async function openTable(db: lancedb.Connection, dir: string, model: StoreModel, write: boolean): Promise<{ table: lancedb.Table; modelChanged: boolean } | null> {
  const names = await db.tableNames();
  const meta = readMeta(dir);
  const metaMatches = meta !== null && meta.modelId === model.id && meta.dims === model.dims;
  let table: lancedb.Table;
  let modelChanged = false;
  if (!names.includes(PAPERS_TABLE)) {
    if (!write) return null;
    table = await db.createEmptyTable(PAPERS_TABLE, papersSchema(model.dims), { mode: 'overwrite' });
    await createFtsIndex(table);
  } else {
    table = await db.openTable(PAPERS_TABLE);
    const needsColumns = await hasMissingColumns(table);
    const storedDims = schemaDims(await table.schema());
    const vectorsMatch = metaMatches && storedDims === model.dims;
    if (!write && (needsColumns || !vectorsMatch)) {
      table.close();
      return null;
    }
    if (needsColumns) await withCommitRetry('adding columns', () => addMissingColumns(table));
    if (!vectorsMatch) {
      table = await dropVectors(db, table, model.dims);
      modelChanged = (await table.countRows()) > 0;
    }
  }
  if (!metaMatches) writeMeta(dir, { modelId: model.id, dims: model.dims });
  return { table, modelChanged };
}

async function createFtsIndex(table: lancedb.Table): Promise<void> {
  // Stemmed, lower-cased, stop words removed. Queries go through MatchQuery, so no phrase
  // positions are needed and no query syntax can make a search fail.
  await table.createIndex('text', { config: lancedb.Index.fts({ withPosition: false }), name: FTS_INDEX_NAME, replace: true });
}

/** Rewrites the table under a schema for `dims`, keeping every paper and dropping its vectors. */
async function dropVectors(db: lancedb.Connection, table: lancedb.Table, dims: number): Promise<lancedb.Table> {
  const rows = (await table.query().select([...CONTENT_COLUMNS]).toArray()) as Row[];
  const schema = papersSchema(dims);
  const kept: PaperRow[] = rows.map((row) => ({
    ...contentRow(row),
    embedded_model: null,
    vec_generic: null,
    vec_task: null,
    vec_method: null,
    vec_dataset: null,
  }));
  table.close();
  const rebuilt =
    kept.length === 0
      ? await db.createEmptyTable(PAPERS_TABLE, schema, { mode: 'overwrite' })
      : await db.createTable(PAPERS_TABLE, lancedb.makeArrowTable(kept as unknown as Record<string, unknown>[], { schema }), { mode: 'overwrite' });
  await createFtsIndex(rebuilt);
  return rebuilt;
}

async function maxSeq(table: lancedb.Table): Promise<number> {
  const rows = (await table.query().select(['seq']).orderBy({ columnName: 'seq', ascending: false }).limit(1).toArray()) as Row[];
  return rows[0] ? Number(rows[0].seq) : 0;
}

export function digestText(title: string, abstract: string): string {
  return abstract.trim().length > 0 ? `${title}\n${abstract}` : title;
}

function contentRow(row: Row): StoredContentRow {
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

/** The embedding cells of a stored row, as they are. */
function vectorCells(row: Row): Pick<PaperRow, 'embedded_model' | 'vec_generic' | 'vec_task' | 'vec_method' | 'vec_dataset'> {
  const vector = (value: unknown) => (value == null ? null : toFloat32(value));
  return {
    embedded_model: nullableString(row.embedded_model),
    vec_generic: vector(row.vec_generic),
    vec_task: vector(row.vec_task),
    vec_method: vector(row.vec_method),
    vec_dataset: vector(row.vec_dataset),
  };
}

/** SQL: the row is not a pending identifier stub (null on rows older than the column counts as not). */
const NOT_STUB = 'COALESCE(pending, false) = false';

async function hasMissingColumns(table: lancedb.Table): Promise<boolean> {
  const present = new Set((await table.schema()).fields.map((field) => field.name));
  return ADDED_COLUMNS.some((column) => !present.has(column.name));
}

/** Adds the columns of ADDED_COLUMNS a table made by an older Facet lacks (schema evolution, no rewrite). */
async function addMissingColumns(table: lancedb.Table): Promise<void> {
  const present = new Set((await table.schema()).fields.map((field) => field.name));
  const missing = ADDED_COLUMNS.filter((column) => !present.has(column.name));
  if (missing.length > 0) await table.addColumns(missing.map((column) => ({ name: column.name, valueSql: column.valueSql })));
}

function libraryJson(fields: StoredLibraryFields | undefined): string | null {
  if (!fields) return null;
  const kept: StoredLibraryFields = {};
  if (fields.filePath) kept.filePath = fields.filePath;
  if (fields.collections && fields.collections.length > 0) kept.collections = fields.collections;
  if (fields.tags && fields.tags.length > 0) kept.tags = fields.tags;
  if (fields.recordKey) kept.recordKey = fields.recordKey;
  return Object.keys(kept).length > 0 ? JSON.stringify(kept) : null;
}

function parseLibrary(value: unknown): StoredLibraryFields {
  if (typeof value !== 'string' || value.length === 0) return {};
  return JSON.parse(value) as StoredLibraryFields;
}

function toNeighbourPaper(row: Row): NeighbourPaper {
  return { ...toSummary(row), abstract: String(row.abstract ?? ''), terms: parseTerms(row.terms) };
}

function toSummary(row: Row): PaperSummary {
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

function parseTerms(value: unknown): AspectTerms {
  const empty: AspectTerms = { task: [], method: [], dataset: [] };
  if (typeof value !== 'string' || value.length === 0) return empty;
  const parsed = JSON.parse(value) as Partial<AspectTerms>;
  return { task: parsed.task ?? [], method: parsed.method ?? [], dataset: parsed.dataset ?? [] };
}

function nullableString(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Arrow list cells arrive as Vectors (with toArray); plain arrays pass through. */
function toStringArray(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  const vector = value as { toArray?: () => unknown };
  if (typeof vector.toArray === 'function') return Array.from(vector.toArray() as ArrayLike<unknown>, String);
  return [];
}

function toFloat32(value: unknown): Float32Array {
  if (value instanceof Float32Array) return value;
  const vector = value as { toArray?: () => unknown };
  if (typeof vector.toArray === 'function') return Float32Array.from(vector.toArray() as ArrayLike<number>);
  return Float32Array.from(value as ArrayLike<number>);
}
