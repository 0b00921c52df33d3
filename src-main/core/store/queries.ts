/**
 * Reads of the papers table: counts, pages, lookups by id or source key, vectors, full-text,
 * vector and hybrid search. PaperStore (paper-store.ts) adds the writes on top of these.
 */
// Before LanceDB loads: Lance's CPU pool must not be a single thread (see lance-cpu-pool.ts).
import './lance-cpu-pool.ts';
import * as lancedb from '@lancedb/lancedb';
import { FacetError, type Aspect, type AspectTerms, type ListSort, type Paper, type PaperPage } from '../../common/contract.ts';
import type { SourceRecord } from '../import/source-record.ts';
import type { AspectVectors } from '../types.ts';
import { ANN_NPROBES } from './indexes.ts';
import { reciprocalRankFusion } from './rank-fusion.ts';
import { contentRow, parseLibrary, parseTerms, toFloat32, toNeighbourPaper, toPaper, toStringArray, toSummary, type NeighbourPaper, type Row, type StoredContentRow, type StoredLibraryFields } from './rows.ts';
import { CONTENT_COLUMNS, METADATA_COLUMNS, NEIGHBOUR_COLUMNS, STORE_ASPECTS, VECTOR_COLUMNS, vectorColumn } from './schema.ts';
import { NOT_STUB, sqlString } from './sql.ts';

export interface StoreModel {
  id: string;
  dims: number;
}

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

/** The highest insertion number stored (0 for an empty table). */
export async function maxSeq(table: lancedb.Table): Promise<number> {
  const rows = (await table.query().select(['seq']).orderBy({ columnName: 'seq', ascending: false }).limit(1).toArray()) as Row[];
  return rows[0] ? Number(rows[0].seq) : 0;
}

export class PaperQueries {
  protected constructor(
    protected readonly table: lancedb.Table,
    readonly model: StoreModel,
  ) {}

  count(): Promise<number> {
    return this.table.countRows();
  }

  countEmbedded(): Promise<number> {
    return this.table.countRows(`embedded_model = ${sqlString(this.model.id)}`);
  }

  countTitleOnly(): Promise<number> {
    return this.table.countRows('title_only = true');
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
    return rows[0] ? toPaper(rows[0], this.model.id) : null;
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
    const byId = new Map(rows.map((row) => [String(row.id), toPaper(row, this.model.id)]));
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
    const rows = (await this.table.query().where(`id = ${sqlString(id)}`).select([...VECTOR_COLUMNS]).limit(1).toArray()) as Row[];
    if (!rows[0]) throw new FacetError('NOT_FOUND', `no paper with id ${JSON.stringify(id)}`);
    const row = rows[0];
    const vectors = {} as AspectVectors;
    for (const aspect of STORE_ASPECTS) {
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
    return { paper: toPaper(rows[0], this.model.id), vector: value == null ? null : toFloat32(value) };
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
    return rows.map((row, index) => ({ paper: toPaper(row, this.model.id), score: Number(row._score), rank: index + 1 }));
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
    return rows.map((row, index) => ({ paper: toPaper(row, this.model.id), score: 1 - Number(row._distance), rank: index + 1 }));
  }

  /** Keyword and semantic lists fused by reciprocal rank; the score is the fused RRF score (why not LanceDB's RRFReranker: rank-fusion.ts). */
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

  /** Ids of stored papers with neither an arXiv id nor a DOI, stubs excluded, oldest import first. */
  async unidentifiedPaperIds(limit: number): Promise<string[]> {
    const rows = (await this.table
      .query()
      .where(`arxiv_id IS NULL AND doi IS NULL AND ${NOT_STUB}`)
      .select(['id'])
      .orderBy([{ columnName: 'seq', ascending: true }])
      .limit(limit)
      .toArray()) as Row[];
    return rows.map((row) => String(row.id));
  }
}
