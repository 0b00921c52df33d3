/**
 * `similar` latency on a built library, three ways, all given the query paper's vector:
 *   - LanceDB flat: the store's query (same filter, projection and limit) with the vector index
 *     bypassed (exact);
 *   - LanceDB ANN: PaperStore.nearest, exactly what papers.similar runs (IVF index once the
 *     library has one), with recall@10 against flat;
 *   - typed-array scan: a dot product over every vector held in one Float32Array (exact; the
 *     memory-bandwidth reference for what any exhaustive search must at least cost).
 */
// Before LanceDB loads: Lance's CPU pool must not be a single thread (see lance-cpu-pool.ts).
import '../../src-main/core/store/lance-cpu-pool.ts';
import * as lancedb from '@lancedb/lancedb';
import type { Aspect } from '../../src-main/common/contract.ts';
import type { PaperStore } from '../../src-main/core/store/index.ts';
import { vectorColumn, PAPERS_TABLE } from '../../src-main/core/store/index.ts';
import { METADATA_COLUMNS } from '../../src-main/core/store/schema.ts';
import { summarise, timeEach } from './latency.ts';
import type { SimilarLatency } from './perf-types.ts';
import { DenseCosineScorer, seededShuffle, topK, type DenseMatrix } from './ranking.ts';

const K = 10;

function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function toFloat32(value: unknown): Float32Array {
  if (value instanceof Float32Array) return value;
  const vector = value as { toArray?: () => unknown };
  if (typeof vector.toArray === 'function') return Float32Array.from(vector.toArray() as ArrayLike<number>);
  return Float32Array.from(value as ArrayLike<number>);
}

/** Every embedded paper's id and one aspect's vectors, as one matrix (streamed batch by batch). */
export async function loadAspectMatrix(table: lancedb.Table, aspect: Aspect, dims: number): Promise<{ ids: string[]; matrix: DenseMatrix }> {
  const column = vectorColumn(aspect);
  const filter = 'embedded_model IS NOT NULL';
  const expected = await table.countRows(filter);
  const data = new Float32Array(expected * dims);
  const ids: string[] = [];
  for await (const batch of table.query().where(filter).select(['id', column])) {
    const idColumn = batch.getChild('id');
    const vectors = batch.getChild(column);
    if (!idColumn || !vectors) throw new Error(`table lacks id or ${column}`);
    for (let row = 0; row < batch.numRows; row++) {
      if (ids.length === expected) throw new Error('the table grew while its vectors were read');
      const vector = toFloat32(vectors.get(row));
      if (vector.length !== dims) throw new Error(`${column} of row ${ids.length} has ${vector.length} dims, expected ${dims}`);
      data.set(vector, ids.length * dims);
      ids.push(String(idColumn.get(row)));
    }
  }
  if (ids.length !== expected) throw new Error(`read ${ids.length} vectors, expected ${expected}`);
  return { ids, matrix: { rows: ids.length, dims, data } };
}

export interface SimilarBenchOptions {
  dataDir: string;
  store: PaperStore;
  modelId: string;
  dims: number;
  aspects: readonly Aspect[];
  queries: number;
  seed: number;
  log: (line: string) => void;
}

export async function benchSimilar(options: SimilarBenchOptions): Promise<Record<string, SimilarLatency>> {
  const db = await lancedb.connect(options.dataDir);
  const table = await db.openTable(PAPERS_TABLE);
  const indexed = new Set((await table.listIndices()).flatMap((index) => (index.indexType.toLowerCase().includes('ivf') ? index.columns : [])));
  const out: Record<string, SimilarLatency> = {};
  try {
    for (const aspect of options.aspects) {
      const column = vectorColumn(aspect);
      const { ids, matrix } = await loadAspectMatrix(table, aspect, options.dims);
      const queryRows = seededShuffle(Array.from(ids.keys()), options.seed).slice(0, options.queries);
      const vectorOf = (row: number) => matrix.data.subarray(row * matrix.dims, (row + 1) * matrix.dims);

      const flatTop = new Map<number, string[]>();
      const flatMs = await timeEach(queryRows, async (row) => {
        const rows = (await table
          .vectorSearch(Array.from(vectorOf(row)))
          .column(column)
          .distanceType('cosine')
          .bypassVectorIndex()
          .where(`embedded_model = ${sqlString(options.modelId)} AND id != ${sqlString(ids[row] as string)}`)
          .select([...METADATA_COLUMNS, '_distance'])
          .limit(K)
          .toArray()) as { id: string }[];
        flatTop.set(row, rows.map((r) => String(r.id)));
      });

      let recallSum = 0;
      const annMs = await timeEach(queryRows, async (row) => {
        const hits = await options.store.nearest(vectorOf(row), aspect, K, ids[row]);
        const exact = new Set(flatTop.get(row) ?? []);
        if (exact.size > 0) recallSum += hits.filter((hit) => exact.has(hit.paper.id)).length / exact.size;
      }, 0);

      const scorer = new DenseCosineScorer(matrix);
      const scores = new Float32Array(matrix.rows);
      const typedMs = await timeEach(queryRows, async (row) => {
        scorer.scores(row, scores);
        topK(scores, K, row);
      });

      out[aspect] = {
        lancedbFlat: summarise(flatMs),
        lancedbAnn: { ...summarise(annMs), recallAt10: recallSum / queryRows.length, indexed: indexed.has(column) },
        typedArray: summarise(typedMs),
      };
      const s = out[aspect];
      options.log(
        `  similar/${aspect}: flat p50 ${s.lancedbFlat.p50.toFixed(1)} ms, ANN p50 ${s.lancedbAnn?.p50.toFixed(1)} ms (recall@10 ${s.lancedbAnn?.recallAt10.toFixed(3)}, ${indexed.has(column) ? 'IVF index' : 'no index'}), typed array p50 ${s.typedArray.p50.toFixed(1)} ms`,
      );
    }
  } finally {
    table.close();
    db.close();
  }
  return out;
}
