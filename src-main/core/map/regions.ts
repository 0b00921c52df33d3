/**
 * Named regions of a map: the 2-D points grouped by k-means, each group named by the aspect terms
 * its papers share most and the rest of the library has least (count in the group times the log
 * of how much more often the term appears there than overall), so a region of the Method map
 * reads "contrastive learning · InfoNCE" and not the term every paper has.
 */
import type { MapRegion } from '../../common/contract-map.ts';
import { seededRandom } from '../util/seeded-random.ts';

export interface RegionOptions {
  /** Number of groups; default grows with the square root of the library, 3 to 24. */
  clusters?: number;
  /** Terms in a region's label. */
  labelTerms?: number;
  iterations?: number;
  seed?: number;
}

export function defaultClusterCount(count: number): number {
  if (count === 0) return 0;
  return Math.min(count, Math.max(3, Math.min(24, Math.round(Math.sqrt(count / 4)))));
}

/** Group of each point (k-means++ seeding, Lloyd iterations) and the group centres. */
export function kmeans2d(positions: Float32Array, clusters: number, iterations = 25, seed = 3): { assignment: Int32Array; centres: Float64Array } {
  const count = positions.length / 2;
  const k = Math.min(clusters, count);
  const assignment = new Int32Array(count);
  const centres = new Float64Array(k * 2);
  if (k === 0) return { assignment, centres };
  const random = seededRandom(seed);
  const first = Math.floor(random() * count);
  centres[0] = positions[first * 2]!;
  centres[1] = positions[first * 2 + 1]!;
  const nearest = new Float64Array(count).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < count; i++) {
      const dx = positions[i * 2]! - centres[(c - 1) * 2]!;
      const dy = positions[i * 2 + 1]! - centres[(c - 1) * 2 + 1]!;
      nearest[i] = Math.min(nearest[i]!, dx * dx + dy * dy);
      total += nearest[i]!;
    }
    let target = random() * total;
    let pick = count - 1;
    for (let i = 0; i < count; i++) {
      target -= nearest[i]!;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
    centres[c * 2] = positions[pick * 2]!;
    centres[c * 2 + 1] = positions[pick * 2 + 1]!;
  }
  const sums = new Float64Array(k * 2);
  const sizes = new Int32Array(k);
  for (let iteration = 0; iteration < iterations; iteration++) {
    let moved = 0;
    for (let i = 0; i < count; i++) {
      let best = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < k; c++) {
        const dx = positions[i * 2]! - centres[c * 2]!;
        const dy = positions[i * 2 + 1]! - centres[c * 2 + 1]!;
        const distance = dx * dx + dy * dy;
        if (distance < bestDistance) {
          bestDistance = distance;
          best = c;
        }
      }
      if (assignment[i] !== best || iteration === 0) moved++;
      assignment[i] = best;
    }
    if (moved === 0) break;
    sums.fill(0);
    sizes.fill(0);
    for (let i = 0; i < count; i++) {
      const c = assignment[i]!;
      sums[c * 2] = sums[c * 2]! + positions[i * 2]!;
      sums[c * 2 + 1] = sums[c * 2 + 1]! + positions[i * 2 + 1]!;
      sizes[c] = sizes[c]! + 1;
    }
    for (let c = 0; c < k; c++) {
      if (sizes[c]! === 0) continue;
      centres[c * 2] = sums[c * 2]! / sizes[c]!;
      centres[c * 2 + 1] = sums[c * 2 + 1]! / sizes[c]!;
    }
  }
  return { assignment, centres };
}

/**
 * Regions of a map. `termsOf(i)` gives the aspect terms of the paper at row i (for the overall map,
 * all its terms); a term counts once per paper.
 */
export function labelRegions(positions: Float32Array, termsOf: (row: number) => readonly string[], options: RegionOptions = {}): MapRegion[] {
  const count = positions.length / 2;
  if (count === 0) return [];
  const { assignment, centres } = kmeans2d(positions, options.clusters ?? defaultClusterCount(count), options.iterations, options.seed);
  const k = centres.length / 2;
  const overall = new Map<string, number>();
  const perRegion: Map<string, number>[] = Array.from({ length: k }, () => new Map<string, number>());
  const sizes = new Int32Array(k);
  const spread = new Float64Array(k);
  for (let i = 0; i < count; i++) {
    const region = assignment[i]!;
    sizes[region] = sizes[region]! + 1;
    const dx = positions[i * 2]! - centres[region * 2]!;
    const dy = positions[i * 2 + 1]! - centres[region * 2 + 1]!;
    spread[region] = spread[region]! + dx * dx + dy * dy;
    for (const term of new Set(termsOf(i).map((t) => t.trim()).filter((t) => t !== ''))) {
      overall.set(term, (overall.get(term) ?? 0) + 1);
      perRegion[region]!.set(term, (perRegion[region]!.get(term) ?? 0) + 1);
    }
  }
  const labelTerms = options.labelTerms ?? 2;
  const regions: MapRegion[] = [];
  for (let region = 0; region < k; region++) {
    const size = sizes[region]!;
    if (size === 0) continue;
    const scored = [...perRegion[region]!]
      // A term one paper has is that paper's, not the region's (unless the region is that small).
      .filter(([, inRegion]) => inRegion >= Math.min(2, size))
      .map(([term, inRegion]) => {
        const lift = inRegion / size / ((overall.get(term) ?? inRegion) / count);
        return { term, inRegion, score: inRegion * Math.log(1 + lift) };
      })
      .sort((a, b) => b.score - a.score || b.inRegion - a.inRegion || a.term.localeCompare(b.term));
    const terms = scored.slice(0, labelTerms).map((entry) => entry.term);
    regions.push({
      id: region,
      label: terms.join(' · '),
      terms,
      x: centres[region * 2]!,
      y: centres[region * 2 + 1]!,
      count: size,
      radius: Math.sqrt(spread[region]! / size),
    });
  }
  return regions.sort((a, b) => b.count - a.count);
}
