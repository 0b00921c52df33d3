/**
 * `facet similar <id> --aspect A --unlike B` and `facet compare <idA> <idB>`: the CLI side of
 * papers.crossAspect and papers.compare, as text or --json.
 */
import { ASPECT_LABELS, type Aspect, type CrossNeighbour, type PaperComparison } from '../../common/contract.ts';
import { callRequest } from '../../common/dispatch.ts';
import { CROSS_ASPECT_PAIRS } from '../../core/similarity/cross-aspect.ts';
import type { CoreHandlers } from '../../core/types.ts';

export interface CrossAspectCommand {
  id: string;
  aspect: Aspect;
  unlike: Aspect;
  k: number;
  json: boolean;
}

export async function runCrossAspect(handlers: CoreHandlers, command: CrossAspectCommand, out: (text: string) => void): Promise<number> {
  const neighbours = await callRequest(handlers, 'papers.crossAspect', { id: command.id, aspect: command.aspect, unlike: command.unlike, k: command.k });
  if (command.json) {
    out(JSON.stringify(neighbours.map(crossJson), null, 2));
    return 0;
  }
  const source = await handlers['papers.get']({ id: command.id });
  const label = CROSS_ASPECT_PAIRS.find((pair) => pair.aspect === command.aspect && pair.unlike === command.unlike)?.label ?? `Close by ${command.aspect}, not by ${command.unlike}`;
  out(`${label}: ${source.title}`);
  for (const n of neighbours) {
    out(`${String(n.rank).padStart(3)}. ${n.score.toFixed(4)}  ${n.paper.id}  ${n.paper.title}`);
    out(`       ${n.reason}`);
    out(`       ${n.difference}`);
  }
  return 0;
}

function crossJson(n: CrossNeighbour) {
  return {
    id: n.paper.id,
    title: n.paper.title,
    score: n.score,
    rank: n.rank,
    similarity: n.similarity,
    unlikeSimilarity: n.unlikeSimilarity,
    sharedTerms: n.sharedTerms,
    reason: n.reason,
    unlikeTerms: n.unlikeTerms,
    difference: n.difference,
    year: n.paper.year,
  };
}

export async function runCompare(handlers: CoreHandlers, command: { a: string; b: string; json: boolean }, out: (text: string) => void): Promise<number> {
  const comparison = await callRequest(handlers, 'papers.compare', { a: command.a, b: command.b });
  if (command.json) out(JSON.stringify(compareJson(comparison), null, 2));
  else for (const line of compareLines(comparison)) out(line);
  return 0;
}

function compareJson(c: PaperComparison) {
  const paper = (p: PaperComparison['a']) => ({ id: p.id, title: p.title, year: p.year });
  return { a: paper(c.a), b: paper(c.b), aspects: c.aspects };
}

function compareLines(c: PaperComparison): string[] {
  const lines = [`A: ${c.a.title} [${c.a.id}]`, `B: ${c.b.title} [${c.b.id}]`];
  const list = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : '–');
  for (const row of c.aspects) {
    lines.push('');
    lines.push(`${ASPECT_LABELS[row.aspect]}: similarity ${row.similarity.toFixed(3)} (words ${row.lexical.toFixed(3)}, embedding ${row.dense.toFixed(3)})`);
    if (row.aspect !== 'generic') {
      lines.push(`  both:   ${list(row.terms.shared)}`);
      lines.push(`  only A: ${list(row.terms.onlyA)}`);
      lines.push(`  only B: ${list(row.terms.onlyB)}`);
      if (row.related.length > 0) lines.push(`  related: ${row.related.join('; ')}`);
    }
    lines.push(`  ${row.reason}`);
  }
  return lines;
}
