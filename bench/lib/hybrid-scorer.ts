/**
 * The app's own paper-to-paper ranking over a pool, as `papers.similar` computes it for a library
 * holding exactly the pool: core's LexicalIndex (the library's TF-IDF) fused with the dense aspect
 * vectors by core's `fuse` and the model's lexical weight for the aspect.
 */
import { fuse } from '../../src-main/core/similarity/hybrid-similar.ts';
import { LexicalIndex } from '../../src-main/core/similarity/lexical-index.ts';
import { DenseCosineScorer, type DenseMatrix, type PoolScorer } from './ranking.ts';

export class HybridScorer implements PoolScorer {
  readonly size: number;
  private readonly dense: DenseCosineScorer | null;

  constructor(
    private readonly lexicon: LexicalIndex,
    matrix: DenseMatrix | null,
    private readonly lexicalWeight: number,
  ) {
    this.size = lexicon.size;
    this.dense = matrix ? new DenseCosineScorer(matrix) : null;
    if (matrix && matrix.rows !== lexicon.size) throw new Error(`HybridScorer: ${matrix.rows} vectors for ${lexicon.size} texts`);
  }

  /** Indexes pool paper i under the id String(i). */
  static lexiconOf(texts: readonly string[]): LexicalIndex {
    const index = new LexicalIndex();
    texts.forEach((text, i) => index.upsert(String(i), text));
    return index;
  }

  scores(query: number, out: Float32Array): void {
    if (this.dense) this.dense.scores(query, out);
    else out.fill(0);
    const lexical = new Float32Array(this.size);
    if (this.lexicalWeight > 0) for (const hit of this.lexicon.similarTo(String(query))) lexical[Number(hit.id)] = hit.score;
    for (let i = 0; i < this.size; i++) out[i] = this.dense ? fuse(this.lexicalWeight, lexical[i]!, out[i]!) : lexical[i]!;
  }
}
