/**
 * `facet similar --batch FILE --json`: many neighbour queries in one process, for evaluation from
 * outside. FILE is JSONL, one query a line:
 *   {"id": ID, "aspect": "generic"|"task"|"method"|"dataset", "k": N, "within": [ID, …]}
 * (`k` 1-1000, default 10; `within` optional: rank only those papers). IDs may be Facet ids or the
 * keys papers came with (sourceKey). Every line is checked before any query runs, so a bad line fails
 * the run with its line number and nothing is written. Output, one line per input line in order:
 *   {"id": ID, "aspect": A, "neighbours": [{"id", "sourceKey", "score", "rank"}, …]}
 * where `id` echoes the input and `score` is the fused similarity of papers.similar (one scale for
 * every query).
 */
import fs from 'node:fs';
import { z } from 'zod';
import { ASPECTS, FacetError, type Neighbour } from '../../common/contract.ts';
import { callRequest } from '../../common/dispatch.ts';
import type { CoreHandlers } from '../../core/types.ts';
import { UsageError } from './usage-error.ts';

const batchLine = z.strictObject({
  id: z.string().min(1).max(200),
  aspect: z.enum(ASPECTS),
  k: z.number().int().min(1).max(1000).default(10),
  within: z.array(z.string().min(1).max(200)).max(100_000).optional(),
});
type BatchLine = z.infer<typeof batchLine>;

/** Turns an id or source key into a stored paper id; null when neither names a stored paper. */
export type PaperRefResolver = (ref: string) => Promise<string | null>;

export function readBatchFile(file: string): { line: number; query: BatchLine }[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`facet similar --batch: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  const queries: { line: number; query: BatchLine }[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    const where = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new UsageError(`${where}: not valid JSON`);
    }
    const parsed = batchLine.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(`${where}: ${issue.path.length ? `"${issue.path.join('.')}": ` : ''}${issue.message}`);
    }
    queries.push({ line: index + 1, query: parsed.data });
  });
  return queries;
}

export async function runSimilarBatch(handlers: CoreHandlers, file: string, resolve: PaperRefResolver, write: (line: string) => void): Promise<number> {
  const queries = readBatchFile(file);
  for (const { line, query } of queries) {
    const where = `${file}:${line}`;
    const id = await resolve(query.id);
    if (id === null) throw new FacetError('NOT_FOUND', `${where}: no paper with id or source key ${JSON.stringify(query.id)}`);
    let within: string[] | undefined;
    if (query.within) {
      within = [];
      for (const ref of query.within) {
        const resolved = await resolve(ref);
        if (resolved !== null) within.push(resolved);
      }
    }
    let neighbours: Neighbour[];
    try {
      neighbours = await callRequest(handlers, 'papers.similar', { id, aspect: query.aspect, k: query.k, within });
    } catch (error) {
      if (error instanceof FacetError) throw new FacetError(error.code, `${where}: ${error.message}`);
      throw error;
    }
    write(
      JSON.stringify({
        id: query.id,
        aspect: query.aspect,
        neighbours: neighbours.map((n) => ({ id: n.paper.id, sourceKey: n.paper.sourceKey ?? null, score: n.score, rank: n.rank })),
      }),
    );
  }
  return 0;
}
