/**
 * The embed stage: vectors for a batch of digests, checked to be one per digest, with how many
 * digests were longer than the model's token limit (their vectors come from the first tokens).
 */
import { FacetError, type ImportProblem } from '../../common/contract.ts';
import { isReportingEmbedder } from '../embed/types.ts';
import type { AspectVectors, DigestText, Embedder } from '../types.ts';

export interface EmbeddedBatch {
  vectors: AspectVectors[];
  /** How many digests were cut to the model's token limit (0 from an embedder that does not report it). */
  truncated: number;
}

/** Embeds `texts`; MODEL error unless the embedder returns exactly one vector set per text. */
export async function embedDigests(embedder: Embedder, texts: readonly DigestText[]): Promise<EmbeddedBatch> {
  if (texts.length === 0) return { vectors: [], truncated: 0 };
  const { vectors, truncated } = isReportingEmbedder(embedder)
    ? await embedder.embedWithReport(texts).then((report) => ({ vectors: report.vectors, truncated: report.truncated.filter(Boolean).length }))
    : { vectors: await embedder.embed(texts), truncated: 0 };
  if (vectors.length !== texts.length) throw new FacetError('MODEL', `the embedder returned ${vectors.length} vectors for ${texts.length} papers`);
  return { vectors, truncated };
}

/**
 * An embedder that counts the truncated digests of everything embedded through it: handed to the
 * commit hook's own rewrites (stub fills, changed Zotero items) so the import's warning counts them.
 */
export class TruncationCounter implements Embedder {
  truncated = 0;

  constructor(readonly inner: Embedder) {}

  get info() {
    return this.inner.info;
  }

  async embed(texts: readonly DigestText[]): Promise<AspectVectors[]> {
    const batch = await embedDigests(this.inner, texts);
    this.truncated += batch.truncated;
    return batch.vectors;
  }

  /** The inner embedder belongs to the service; closing a counter leaves it open. */
  async close(): Promise<void> {}
}

/** The warning a source gets when `count` of its digests were cut; null when none were. */
export function truncationWarning(source: string, count: number, embedder: Embedder): ImportProblem | null {
  if (count === 0) return null;
  const limit = isReportingEmbedder(embedder) ? embedder.maxTokens : '?';
  return {
    source,
    line: null,
    record: null,
    severity: 'warning',
    message: `${count} record(s) were longer than the model's ${limit}-token limit; their vectors come from the first ${limit} tokens`,
  };
}
