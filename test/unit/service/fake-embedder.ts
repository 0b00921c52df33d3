/**
 * A deterministic stand-in for the ONNX embedder, for unit tests only: each aspect vector is a
 * hashed bag of the digest's words (salted per aspect), L2-normalised. Texts sharing words get
 * similar vectors, which is all the service tests need.
 */
import { ASPECTS, type ModelInfo } from '../../../src-main/common/contract.ts';
import type { EmbedReport, ReportingEmbedder } from '../../../src-main/core/embed/types.ts';
import type { AspectVectors, DigestText } from '../../../src-main/core/types.ts';

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export class FakeEmbedder implements ReportingEmbedder {
  readonly info: ModelInfo;
  readonly maxTokens = 50;
  calls = 0;
  embeddedTexts = 0;
  closed = false;
  /** Throws on the nth embed call (1-based) when set: simulates a crash mid-import. */
  failOnCall: number | null = null;

  constructor(id = 'fake-model', readonly dims = 32) {
    this.info = { id, name: 'Fake test embedder', dims, aspects: [...ASPECTS], provisional: true, description: 'unit tests only' };
  }

  async embed(texts: readonly DigestText[]): Promise<AspectVectors[]> {
    return (await this.embedWithReport(texts)).vectors;
  }

  async embedWithReport(texts: readonly DigestText[]): Promise<EmbedReport> {
    this.calls++;
    if (this.failOnCall !== null && this.calls === this.failOnCall) throw new Error('simulated embedder crash');
    this.embeddedTexts += texts.length;
    const vectors = texts.map((text) => {
      const words = `${text.title} ${text.abstract}`.toLowerCase().match(/[a-z0-9]+/g) ?? ['empty'];
      const entry = {} as AspectVectors;
      ASPECTS.forEach((aspect) => {
        const v = new Float32Array(this.dims);
        for (const word of words) v[hash(`${aspect}:${word}`) % this.dims]! += 1;
        const norm = Math.hypot(...v);
        entry[aspect] = v.map((x) => x / norm);
      });
      return entry;
    });
    const truncated = texts.map((text) => (`${text.title} ${text.abstract}`.match(/\S+/g) ?? []).length > this.maxTokens);
    return { vectors, truncated };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
