/**
 * Writes .cache/labels/pwc-labels.jsonl: one line per paper of the Papers-with-Code tdms file with
 * its task and dataset labels (as published) and derived method labels (deriveMethodLabels on title
 * + abstract). The model training (tools/model) reads this file; it is never committed.
 *
 *   npx tsx tools/aspects/write-labels.ts [--out <file>]
 *
 * Every split is written (with its `split` field) so evaluation can use the same labels; training
 * must keep to split === "train".
 */
import fs from 'node:fs';
import path from 'node:path';
import { deriveMethodLabels, loadMethodLexicon } from '../../src-main/core/aspects/method-labels.ts';
import { readTdmsPapers, repoRoot } from './shared-data.ts';

function outputPath(argv: readonly string[]): string {
  const flag = argv.indexOf('--out');
  if (flag === -1) return path.join(repoRoot, '.cache/labels/pwc-labels.jsonl');
  const value = argv[flag + 1];
  if (!value) throw new Error('--out needs a file path');
  return path.resolve(value);
}

async function main(): Promise<void> {
  const out = outputPath(process.argv.slice(2));
  const lexicon = await loadMethodLexicon();
  const papers = readTdmsPapers();
  const lines: string[] = [];
  const methodCounts = new Map<string, number>();
  const bySplit = new Map<string, { papers: number; withText: number; withMethod: number }>();
  const started = performance.now();
  for (const paper of papers) {
    const methods = deriveMethodLabels(paper.title, paper.abstract, lexicon);
    lines.push(
      JSON.stringify({
        paper_id: paper.paper_id,
        arxiv_id: paper.arxiv_id,
        split: paper.split,
        title: paper.title,
        abstract: paper.abstract,
        tasks: paper.tasks,
        datasets: paper.datasets,
        methods,
      }),
    );
    const stats = bySplit.get(paper.split) ?? { papers: 0, withText: 0, withMethod: 0 };
    stats.papers += 1;
    if (paper.abstract !== '') stats.withText += 1;
    if (methods.length > 0) stats.withMethod += 1;
    bySplit.set(paper.split, stats);
    for (const method of methods) methodCounts.set(method, (methodCounts.get(method) ?? 0) + 1);
  }
  const elapsed = performance.now() - started;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, lines.join('\n') + '\n');
  console.log(`wrote ${out}: ${papers.length} papers (labelled in ${(elapsed / 1000).toFixed(1)} s)`);
  for (const [split, stats] of bySplit) {
    console.log(`  ${split}: ${stats.papers} papers, ${stats.withText} with abstract, ${stats.withMethod} with >= 1 method`);
  }
  const total = [...methodCounts.values()].reduce((sum, count) => sum + count, 0);
  console.log(`distinct methods: ${methodCounts.size}; method labels: ${total}; excluded generic methods: ${lexicon.excluded.size}`);
  const top = [...methodCounts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30);
  console.log('top methods: ' + top.map(([name, count]) => `${name} (${count})`).join(', '));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
