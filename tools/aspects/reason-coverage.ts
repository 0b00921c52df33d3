/**
 * How many aspect neighbours carry a concrete reason, on the seed pages with the real model:
 *
 *   npx tsx tools/aspects/reason-coverage.ts [--root DIR] [--label NAME] [--out FILE]
 *
 * Imports every paper of ../shared/seeds/*.txt into a fresh temp library (openFacet, the committed
 * model, the committed name lists), asks papers.similar for the top 10 of every paper under task,
 * method and dataset, and sorts each neighbour's reason into one kind:
 * - term: names a term both papers carry ("shared method: …");
 * - related: names a related task or method family and no shared term ("related task: …");
 * - words: names shared words of the aspect's evidence ("shared method words: …");
 * - none: says nothing is shared ("no method terms or words in common");
 * - filler: anything else (the sentence that named nothing: "similar method profile, no named
 *   method in common").
 * Concrete = term + related + words. `--root` runs the same measurement against another checkout
 * of the repository (its src-main/core/service.ts), to compare with the code before a change.
 * Prints a table and writes bench/results/reasons.json (or --out).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './shared-data.ts';

const ASPECTS = ['task', 'method', 'dataset'] as const;
const K = 10;
type Kind = 'term' | 'related' | 'words' | 'none' | 'filler';
const KINDS: Kind[] = ['term', 'related', 'words', 'none', 'filler'];

export function reasonKind(reason: string, aspect: string): Kind {
  if (reason.startsWith(`shared ${aspect} words: `)) return 'words';
  if (reason.startsWith(`shared ${aspect}: `)) return 'term';
  if (/^related (tasks?|methods?): /u.test(reason)) return 'related';
  if (reason === `no ${aspect} terms or words in common`) return 'none';
  return 'filler';
}

interface Neighbour {
  paper: { id: string; title: string };
  reason: string;
  sharedTerms: string[];
}

interface Core {
  handlers: Record<string, (args: unknown) => Promise<unknown>>;
  close(): Promise<void>;
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const root = path.resolve(option('--root') ?? repoRoot);
  const label = option('--label') ?? (root === repoRoot ? 'this checkout' : root);
  const outFile = path.resolve(option('--out') ?? path.join(repoRoot, 'bench/results/reasons.json'));
  const seedsDir = path.resolve(repoRoot, '../shared/seeds');
  if (!fs.existsSync(seedsDir)) throw new Error(`missing ${seedsDir} (the seed pages live in ../shared/seeds)`);
  const seeds = fs.readdirSync(seedsDir).filter((file) => file.endsWith('.txt')).sort().map((file) => path.join(seedsDir, file));
  const { openFacet } = (await import(pathToFileURL(path.join(root, 'src-main/core/service.ts')).href)) as { openFacet: (options: { dataDir: string }) => Promise<Core> };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-reasons-'));
  const core = await openFacet({ dataDir });
  try {
    const started = performance.now();
    const summary = (await core.handlers['import.run']!({ sources: seeds.map((file) => ({ kind: 'file', path: file })) })) as { added: number };
    const importSeconds = (performance.now() - started) / 1000;
    const papers = ((await core.handlers['papers.list']!({ offset: 0, limit: 1000, sort: 'imported' })) as { items: Array<{ id: string; title: string }> }).items;
    const model = ((await core.handlers['model.info']!({})) as { id: string }).id;
    const tagged = Object.fromEntries(ASPECTS.map((aspect) => [aspect, 0]));
    const tagSamples: Array<{ title: string; terms: Record<string, string[]> }> = [];
    for (const paper of papers) {
      const full = (await core.handlers['papers.get']!({ id: paper.id })) as { terms: Record<string, string[]> };
      for (const aspect of ASPECTS) if ((full.terms[aspect] ?? []).length > 0) tagged[aspect]! += 1;
      if (tagSamples.length < 12) tagSamples.push({ title: paper.title, terms: full.terms });
    }
    const counts = Object.fromEntries(ASPECTS.map((aspect) => [aspect, Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>]));
    const examples: Record<string, Array<{ paper: string; neighbour: string; reason: string }>> = {};
    for (const aspect of ASPECTS) {
      for (const paper of papers) {
        const neighbours = (await core.handlers['papers.similar']!({ id: paper.id, aspect, k: K })) as Neighbour[];
        for (const neighbour of neighbours) {
          const kind = reasonKind(neighbour.reason, aspect);
          counts[aspect]![kind] += 1;
          const key = `${aspect} ${kind}`;
          examples[key] ??= [];
          // Every 37th of each kind: a spread-out sample, the same on every run.
          if (counts[aspect]![kind] % 37 === 1 && examples[key].length < 4) examples[key].push({ paper: paper.title, neighbour: neighbour.paper.title, reason: neighbour.reason });
        }
      }
    }
    const rows = ASPECTS.map((aspect) => {
      const c = counts[aspect]!;
      const total = KINDS.reduce((sum, kind) => sum + c[kind], 0);
      const concrete = c.term + c.related + c.words;
      return { aspect, total, ...c, concrete, concreteShare: total === 0 ? 0 : concrete / total, namedTermShare: total === 0 ? 0 : (c.term + c.related) / total };
    });
    const all = rows.reduce(
      (sum, row) => ({ total: sum.total + row.total, concrete: sum.concrete + row.concrete, named: sum.named + row.term + row.related }),
      { total: 0, concrete: 0, named: 0 },
    );
    const pct = (value: number) => `${(100 * value).toFixed(1)}%`;
    console.log(`reasons on the seed pages (${label}; ${summary.added} papers, model ${model}, top ${K} per aspect; import ${importSeconds.toFixed(1)} s)`);
    console.log('| aspect | neighbours | term | related | words | none | filler | concrete | named term or related |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) {
      console.log(`| ${row.aspect} | ${row.total} | ${row.term} | ${row.related} | ${row.words} | ${row.none} | ${row.filler} | ${pct(row.concreteShare)} | ${pct(row.namedTermShare)} |`);
    }
    console.log(`| all | ${all.total} | | | | | | ${pct(all.concrete / all.total)} | ${pct(all.named / all.total)} |`);
    console.log(`papers with at least one tag: ${ASPECTS.map((aspect) => `${aspect} ${tagged[aspect]}/${papers.length}`).join(', ')}`);
    const result = {
      generatedBy: 'tools/aspects/reason-coverage.ts',
      label,
      root: root === repoRoot ? '.' : 'another checkout of the repository (see label)',
      seeds: seeds.map((file) => path.basename(file)),
      papers: summary.added,
      model,
      k: K,
      kinds: { term: 'names a shared term', related: 'names a related task', words: 'names shared evidence words', none: 'says nothing is shared', filler: 'names nothing' },
      rows,
      all: { neighbours: all.total, concrete: all.concrete, concreteShare: all.concrete / all.total, namedTermOrRelatedShare: all.named / all.total },
      taggedPapers: tagged,
      examples,
      tagSamples,
    };
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
    console.log(`wrote ${path.relative(repoRoot, outFile)}`);
  } finally {
    await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
