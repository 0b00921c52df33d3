/**
 * The RESULTS.md section on neighbours' reasons and tag quality, from bench/results/reasons.json,
 * reasons-before.json (tools/aspects/reason-coverage.ts) and tagger.json (tools/aspects/eval-scirex.ts).
 */
import { fixed, markdownTable } from './table.ts';

interface ReasonRow {
  aspect: string;
  total: number;
  term: number;
  related: number;
  words: number;
  none: number;
  filler: number;
  concreteShare: number;
  namedTermShare: number;
}

export interface ReasonsJson {
  label: string;
  papers: number;
  model: string;
  k: number;
  rows: ReasonRow[];
  all: { neighbours: number; concreteShare: number; namedTermOrRelatedShare: number };
}

interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export interface TaggerJson {
  scirex: { papers: number; results: Record<string, { strict: Scores; lenient: Scores }> };
}

/** Share of neighbours with a concrete reason that the seed pages should reach. */
export const CONCRETE_REASON_TARGET = 0.8;

const pct = (value: number) => `${(100 * value).toFixed(1)}%`;

export function renderAspectReasons(after: ReasonsJson, before: ReasonsJson | null, tagger: TaggerJson | null): string {
  const out = ['## Reasons beside aspect neighbours (npx tsx tools/aspects/reason-coverage.ts)', ''];
  out.push(
    `Every paper of the three seed pages (${after.papers} papers) in a fresh library with the committed model (${after.model}); top ${after.k} neighbours per paper under task, method and dataset. ` +
      'A reason is concrete when it names a shared term (aliases folded), a related term (a task and its broader task, two tasks under one, two methods of one Papers-with-Code family), or the strongest shared words of the aspect\'s evidence; "none" reasons say plainly that nothing is shared. ' +
      `Target: ${pct(CONCRETE_REASON_TARGET)} concrete.`,
    '',
  );
  const rows: string[][] = [];
  for (const row of after.rows) {
    const old = before?.rows.find((candidate) => candidate.aspect === row.aspect);
    rows.push([row.aspect, String(row.total), String(row.term), String(row.related), String(row.words), String(row.none), String(row.filler), pct(row.concreteShare), old ? pct(old.concreteShare) : 'n/a', pct(row.namedTermShare)]);
  }
  rows.push(['all', String(after.all.neighbours), '', '', '', '', '', pct(after.all.concreteShare), before ? pct(before.all.concreteShare) : 'n/a', pct(after.all.namedTermOrRelatedShare)]);
  out.push(markdownTable(['aspect', 'neighbours', 'term', 'related', 'words', 'none', 'filler', 'concrete', 'concrete before', 'term or related'], rows), '');
  const short = after.rows.filter((row) => row.concreteShare < CONCRETE_REASON_TARGET).map((row) => `${row.aspect} ${pct(row.concreteShare)}`);
  out.push(
    `Overall ${pct(after.all.concreteShare)} concrete (before: ${before ? pct(before.all.concreteShare) : 'n/a'}, where every other neighbour got "similar <aspect> profile, no named <aspect> in common"). ` +
      (short.length > 0 ? `Short of the target: ${short.join(', ')}. ` : '') +
      `Only ${pct(after.all.namedTermOrRelatedShare)} of neighbours share a named term or a related one: most concrete reasons are shared words, which say what the two abstracts have in common but not that they share a task, method or dataset. ` +
      'Shared words leave out stop words, the boilerplate of abstracts, adverbs, and words in more than 8% of the leaderboard abstracts (word-frequencies.json); ' +
      'the pairs reported "none" share only such words (most often "learning", "language", "image", "text"), so the shortfall is in the neighbours, not in the wording.',
    '',
  );
  if (tagger) {
    const row = (label: string) => tagger.scirex.results[label];
    const tagRows = ['task', 'method', 'dataset'].flatMap((aspect) => {
      const now = row(`tagger ${aspect}`);
      const old = row(`tagger ${aspect}, no folding`);
      return now && old
        ? [[aspect, fixed(old.strict.precision), fixed(now.strict.precision), fixed(old.strict.recall), fixed(now.strict.recall), fixed(old.lenient.precision), fixed(now.lenient.precision), fixed(old.lenient.recall), fixed(now.lenient.recall)]]
        : [];
    });
    if (tagRows.length > 0) {
      out.push(`Tag precision and recall against SciREX gold (${tagger.scirex.papers} papers, title + abstract; details in [results/tagger.md](results/tagger.md)), before folding → after:`, '');
      out.push(markdownTable(['aspect', 'P strict before', 'P strict after', 'R strict before', 'R strict after', 'P lenient before', 'P lenient after', 'R lenient before', 'R lenient after'], tagRows), '');
    }
  }
  return out.join('\n');
}
