import type { AspectVectors, DigestText, Embedder } from '../types.ts';

/** What an embedding run gives back besides the vectors. */
export interface EmbedReport {
  vectors: AspectVectors[];
  /** truncated[i] is true when input i had more than manifest.maxTokens tokens and was cut. */
  truncated: boolean[];
}

/** An Embedder that also says which inputs it truncated. Both Facet embedders implement it. */
export interface ReportingEmbedder extends Embedder {
  readonly maxTokens: number;
  embedWithReport(texts: readonly DigestText[]): Promise<EmbedReport>;
}

export function isReportingEmbedder(embedder: Embedder): embedder is ReportingEmbedder {
  return typeof (embedder as Partial<ReportingEmbedder>).embedWithReport === 'function';
}
