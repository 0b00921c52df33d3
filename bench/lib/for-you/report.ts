/** Tables for the "For you" benchmark: per aspect against the centroid, and by liked-set size. */
import type { Aspect } from '../../../src-main/common/contract.ts';
import { ci95 } from './metrics.ts';
import { pairedDifference } from './evaluate.ts';
import type { Cell } from './evaluate.ts';

function find(cells: readonly Cell[], kind: string, aspect: Aspect, method: string, liked: number): Cell | undefined {
  return cells.find((cell) => cell.kind === kind && cell.aspect === aspect && cell.method === method && cell.liked === liked);
}

function f(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : 'n/a';
}

function signed(value: number): string {
  return Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(3)}` : 'n/a';
}

/** Rows: aspect. Columns: centroid and classifier recall@k and MRR, the paired difference, wins/losses. */
export function aspectRows(cells: readonly Cell[], kind: string, aspects: readonly Aspect[], liked: number): string[][] {
  const rows: string[][] = [];
  for (const aspect of aspects) {
    const centroid = find(cells, kind, aspect, 'centroid', liked);
    const classifier = find(cells, kind, aspect, 'classifier', liked);
    if (!centroid || !classifier) continue;
    const recall = pairedDifference(classifier.recallPerUser, centroid.recallPerUser);
    const mrr = pairedDifference(classifier.mrrPerUser, centroid.mrrPerUser);
    rows.push([
      aspect,
      `${f(centroid.recallAtK)} ±${f(ci95(centroid.recallPerUser))}`,
      `${f(classifier.recallAtK)} ±${f(ci95(classifier.recallPerUser))}`,
      signed(recall.mean),
      `${recall.wins}/${recall.ties}/${recall.losses}`,
      f(centroid.mrr),
      f(classifier.mrr),
      signed(mrr.mean),
    ]);
  }
  return rows;
}

export const ASPECT_HEADER = ['aspect', 'centroid R@k', 'classifier R@k', 'Δ R@k', 'win/tie/loss', 'centroid MRR', 'classifier MRR', 'Δ MRR'];

/** Rows: liked-set size. Columns: classifier minus centroid on recall@k and MRR (one aspect), and auto. */
export function sizeRows(cells: readonly Cell[], kind: string, aspect: Aspect, sizes: readonly number[]): string[][] {
  const rows: string[][] = [];
  for (const size of sizes) {
    const centroid = find(cells, kind, aspect, 'centroid', size);
    const classifier = find(cells, kind, aspect, 'classifier', size);
    const auto = find(cells, kind, aspect, 'auto', size);
    if (!centroid || !classifier) continue;
    const recall = pairedDifference(classifier.recallPerUser, centroid.recallPerUser);
    const mrr = pairedDifference(classifier.mrrPerUser, centroid.mrrPerUser);
    rows.push([String(size), f(centroid.recallAtK), f(classifier.recallAtK), signed(recall.mean), `${recall.wins}/${recall.ties}/${recall.losses}`, signed(mrr.mean), auto ? f(auto.recallAtK) : 'n/a']);
  }
  return rows;
}

export const SIZE_HEADER = ['liked', 'centroid R@k', 'classifier R@k', 'Δ R@k', 'win/tie/loss', 'Δ MRR', 'auto R@k'];
