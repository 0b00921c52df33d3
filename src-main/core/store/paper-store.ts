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
 *
 * One job per file: schema.ts (columns), rows.ts (row <-> Paper), migrations.ts (opening older
 * tables), indexes.ts (index refresh), queries.ts (reads); this class adds the writes.
 */
import fs from 'node:fs';
// Before LanceDB loads: Lance's CPU pool must not be a single thread (see lance-cpu-pool.ts).
import './lance-cpu-pool.ts';
// Before LanceDB loads: routine native notices stay off stderr (see lance-log-level.ts).
import './lance-log-level.ts';
import * as lancedb from '@lancedb/lancedb';
import { FacetError } from '../../common/contract.ts';
import type { AspectVectors } from '../types.ts';
import { withCommitRetry } from './commit-retry.ts';
import { rowsToArrowTable } from './arrow-rows.ts';
import { indexNames, refreshIndexes } from './indexes.ts';
import { openTable } from './migrations.ts';
import { PaperQueries, maxSeq, type StoreModel } from './queries.ts';
import { contentRow, nullableString, storedVectorCells, toRow, vectorCellsOf, type NewPaper, type Row, type StoredContentRow } from './rows.ts';
import { CONTENT_COLUMNS, STORE_ASPECTS, VECTOR_COLUMNS, papersSchema, type PaperRow } from './schema.ts';
import { NOT_STUB, sqlString } from './sql.ts';
import { baseCitationKey, disambiguatedKey } from '../export/citation-key.ts';
import { sourceCitationKey } from '../import/source-record.ts';

const READ_CONSISTENCY_S = 2;

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

export class PaperStore extends PaperQueries {
  private nextSeq: number;
  private writeGuard: (() => void) | null = null;

  private constructor(
    private readonly db: lancedb.Connection,
    table: lancedb.Table,
    model: StoreModel,
    readonly dir: string,
    nextSeq: number,
  ) {
    super(table, model);
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

  /** Continues insertion numbering after rows another process may have added since open. */
  async syncSequence(): Promise<void> {
    this.nextSeq = Math.max(this.nextSeq, (await maxSeq(this.table)) + 1);
    this.usedKeys = null;
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
      return toRow(paper, { seq: this.nextSeq + index, importedAt }, this.model.id);
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
      return { ...content, cite_key: key, ...storedVectorCells(row) };
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
      const row = toRow({ ...paper, citeKey }, place, this.model.id);
      if (paper.sourceRecord === undefined) row.source_record = place.source;
      if (paper.sourceKey === undefined) row.source_key = place.sourceKey;
      return row;
    });
    await this.commit(`rewriting ${rows.length} papers`, () => this.table.mergeInsert('id').whenMatchedUpdateAll().execute(this.arrow(rows)));
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
        return { ...row, ...vectorCellsOf(v ?? null, this.model.id) };
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
      return { ...contentRow(row), ...vectorCellsOf(vectors, this.model.id) };
    });
    await this.commit(`storing vectors of ${full.length} papers`, () => this.table.mergeInsert('id').whenMatchedUpdateAll().execute(this.arrow(full)));
  }

  /**
   * Keeps indexes in step with the data (see indexes.ts), and deletes table versions older than
   * `versionRetentionMs` (default VERSION_RETENTION_MS).
   */
  async refreshIndexes(options: { versionRetentionMs?: number } = {}): Promise<void> {
    await refreshIndexes(this.table, (what, write) => this.commit(what, write), () => this.countEmbedded(), options);
  }

  /** Names of the indexes on the table (for stats and tests). */
  indexNames(): Promise<{ name: string; columns: string[]; type: string }[]> {
    return indexNames(this.table);
  }

  private assertVectors(id: string, vectors: AspectVectors): void {
    for (const aspect of STORE_ASPECTS) {
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
}
