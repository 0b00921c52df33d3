/**
 * Measures the aspect tagger and the derived method labels against hand annotations, and writes
 * bench/results/tagger.json and bench/results/tagger.md.
 *
 *   npx tsx tools/aspects/eval-scirex.ts
 *
 * 1. SciREX (306 train documents, hand-annotated tasks / methods / datasets of their results
 *    tables). Input is title + abstract only.
 * 2. Papers-with-Code leaderboard labels (tasks, datasets) of the held-out splits. Their names were
 *    never a source of the name lists (build-names reads the train split only), so this shows how
 *    the tagger does on papers it has not seen.
 *
 * Matching rules, per paper, micro-averaged over papers:
 * - strict: names equal after normalising (lower case, accents and punctuation dropped, a final
 *   plural "s" dropped): "Dilated Convolutions" = "dilated convolution".
 * - lenient: strict, or one name's token sequence contains the other's ("ResNeXt-101" contains
 *   "ResNeXt"; "Real-Time Semantic Segmentation" contains "Semantic Segmentation").
 * Precision = predicted names that match some gold name / predicted names; recall = gold names
 * matched by some predicted name / gold names.
 *
 * Rule ablation for methods: "naive" matches every method name and full name case-insensitively,
 * with no exclusions or context rules (the simplest reading of "find method names in text").
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AspectTerms } from '../../src-main/common/contract.ts';
import { loadAspectNameLists } from '../../src-main/core/aspects/lexicon.ts';
import type { MethodRecord } from '../../src-main/core/aspects/lexicon.ts';
import { PhraseMatcher, prepareSegment, selectLongest, tokenize } from '../../src-main/core/aspects/matcher.ts';
import { AspectTagger } from '../../src-main/core/aspects/tagger.ts';
import { HELD_OUT_SPLITS, SHARED_FILES, readGzipJsonl, readTdmsPapers, repoRoot } from './shared-data.ts';

type TermAspect = keyof AspectTerms;
const TERM_ASPECTS: TermAspect[] = ['task', 'method', 'dataset'];

interface GoldPaper {
  id: string;
  title: string;
  abstract: string;
  gold: Partial<Record<TermAspect, string[]>>;
}

export function normaliseName(name: string): string[] {
  const tokens = tokenize(name).map((token) => token.key);
  const last = tokens.length - 1;
  if (last >= 0 && tokens[last]!.length > 3 && tokens[last]!.endsWith('s') && !tokens[last]!.endsWith('ss')) {
    tokens[last] = tokens[last]!.slice(0, -1);
  }
  return tokens;
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  for (let start = 0; start + needle.length <= haystack.length; start += 1) {
    if (needle.every((token, offset) => haystack[start + offset] === token)) return true;
  }
  return false;
}

function namesMatch(a: readonly string[], b: readonly string[], lenient: boolean): boolean {
  if (a.join(' ') === b.join(' ')) return true;
  return lenient && (containsSequence(a, b) || containsSequence(b, a));
}

interface Counts {
  predicted: number;
  predictedCorrect: number;
  gold: number;
  goldFound: number;
  papers: number;
}

function emptyCounts(): Counts {
  return { predicted: 0, predictedCorrect: 0, gold: 0, goldFound: 0, papers: 0 };
}

function addPaper(counts: Counts, predicted: readonly string[], gold: readonly string[], lenient: boolean): void {
  const p = predicted.map(normaliseName);
  const g = gold.map(normaliseName);
  counts.papers += 1;
  counts.predicted += p.length;
  counts.gold += g.length;
  counts.predictedCorrect += p.filter((name) => g.some((other) => namesMatch(name, other, lenient))).length;
  counts.goldFound += g.filter((name) => p.some((other) => namesMatch(name, other, lenient))).length;
}

interface Scores {
  precision: number;
  recall: number;
  f1: number;
  predicted: number;
  gold: number;
  papers: number;
}

function scores(counts: Counts): Scores {
  const precision = counts.predicted === 0 ? 0 : counts.predictedCorrect / counts.predicted;
  const recall = counts.gold === 0 ? 0 : counts.goldFound / counts.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { precision: round(precision), recall: round(recall), f1: round(f1), predicted: counts.predicted, gold: counts.gold, papers: counts.papers };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
}

function readScirex(): GoldPaper[] {
  return readGzipJsonl(SHARED_FILES.scirex).map((row, index) => {
    const record = row as Record<string, unknown>;
    const text = typeof record.title_abstract_text === 'string' ? record.title_abstract_text : '';
    if (text === '') throw new Error(`${SHARED_FILES.scirex}:${index + 1}: no title_abstract_text`);
    // Only some records split title from abstract; otherwise the whole text is one segment.
    const title = typeof record.title === 'string' && text.startsWith(record.title) ? record.title : '';
    return {
      id: String(record.doc_id),
      title,
      abstract: text.slice(title.length).trim(),
      gold: { task: stringList(record.tasks), method: stringList(record.methods), dataset: stringList(record.datasets) },
    };
  });
}

/** Held-out papers with text and labels, each once (548 papers sit in both test splits). */
function readHeldOutPwc(): GoldPaper[] {
  const seen = new Set<string>();
  return readTdmsPapers()
    .filter((paper) => HELD_OUT_SPLITS.has(paper.split) && paper.abstract !== '' && (paper.tasks.length > 0 || paper.datasets.length > 0))
    .filter((paper) => !seen.has(paper.paper_id) && Boolean(seen.add(paper.paper_id)))
    .map((paper) => ({ id: paper.paper_id, title: paper.title, abstract: paper.abstract, gold: { task: paper.tasks, dataset: paper.datasets } }));
}

/** The ablation baseline: every name and full name, any case, nothing excluded. */
function naiveMethodTagger(methods: readonly MethodRecord[]): (title: string, abstract: string) => string[] {
  const matcher = new PhraseMatcher<string>();
  for (const method of methods) {
    matcher.add(method.name, method.name, 'any');
    if (method.fullName !== method.name) matcher.add(method.fullName, method.name, 'any');
  }
  return (title, abstract) => {
    const found = new Set<string>();
    for (const text of [title, abstract]) {
      for (const match of selectLongest(matcher.findAll(prepareSegment(text).tokens))) found.add(match.entry.payload);
    }
    return [...found];
  };
}

type Table = Record<string, { strict: Scores; lenient: Scores }>;

function evaluate(papers: readonly GoldPaper[], systems: Record<string, { aspect: TermAspect; run: (paper: GoldPaper) => string[] }>): Table {
  const table: Table = {};
  for (const [label, system] of Object.entries(systems)) {
    const strict = emptyCounts();
    const lenient = emptyCounts();
    for (const paper of papers) {
      const gold = paper.gold[system.aspect];
      if (!gold) continue;
      const predicted = system.run(paper);
      addPaper(strict, predicted, gold, false);
      addPaper(lenient, predicted, gold, true);
    }
    table[label] = { strict: scores(strict), lenient: scores(lenient) };
  }
  return table;
}

function measureSpeed(tagger: AspectTagger, papers: readonly GoldPaper[]): { digestsPerSecond: number; digests: number; meanChars: number } {
  const rounds = 3;
  let best = Infinity;
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    for (const paper of papers) tagger.tag(paper.title, paper.abstract);
    best = Math.min(best, performance.now() - started);
  }
  const meanChars = papers.reduce((sum, paper) => sum + paper.title.length + paper.abstract.length, 0) / papers.length;
  return { digestsPerSecond: Math.round(papers.length / (best / 1000)), digests: papers.length, meanChars: Math.round(meanChars) };
}

function markdownRows(table: Table): string[] {
  return Object.entries(table).map(
    ([label, { strict, lenient }]) =>
      `| ${label} | ${strict.precision.toFixed(3)} | ${strict.recall.toFixed(3)} | ${strict.f1.toFixed(3)} | ` +
      `${lenient.precision.toFixed(3)} | ${lenient.recall.toFixed(3)} | ${lenient.f1.toFixed(3)} | ${strict.predicted} | ${strict.gold} |`,
  );
}

const TABLE_HEAD = [
  '| system | P strict | R strict | F1 strict | P lenient | R lenient | F1 lenient | predicted | gold |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];

async function main(): Promise<void> {
  const lists = await loadAspectNameLists();
  const tagger = AspectTagger.fromNameLists(lists);
  const naive = naiveMethodTagger(lists.methods);
  const cache = new Map<string, AspectTerms>();
  const tagOf = (paper: GoldPaper) => {
    const key = `${paper.id}\u0000${paper.title}\u0000${paper.abstract.length}`;
    let terms = cache.get(key);
    if (!terms) {
      terms = tagger.tag(paper.title, paper.abstract);
      cache.set(key, terms);
    }
    return terms;
  };
  const tagSystems = Object.fromEntries(TERM_ASPECTS.map((aspect) => [`tagger ${aspect}`, { aspect, run: (paper: GoldPaper) => tagOf(paper)[aspect] }]));

  const scirex = readScirex();
  const scirexTable = evaluate(scirex, {
    ...tagSystems,
    'derived method labels (= tagger method)': { aspect: 'method', run: (paper) => tagOf(paper).method },
    'method, naive matching (ablation)': { aspect: 'method', run: (paper) => naive(paper.title, paper.abstract) },
  });
  const heldOut = readHeldOutPwc();
  const pwcTable = evaluate(heldOut, { 'tagger task': tagSystems['tagger task']!, 'tagger dataset': tagSystems['tagger dataset']! });
  const speed = measureSpeed(tagger, heldOut);

  const result = {
    generatedBy: 'tools/aspects/eval-scirex.ts',
    matching: {
      strict: 'normalised exact: lower case, accents and punctuation dropped, final plural s dropped',
      lenient: 'strict, or token-sequence containment either way',
      averaging: 'micro over papers; input is title + abstract only',
    },
    scirex: { source: SHARED_FILES.scirex, papers: scirex.length, results: scirexTable },
    pwcHeldOut: { source: `${SHARED_FILES.tdms} (validation, test1-few-shot, test2-zero-shot with abstract and labels)`, papers: heldOut.length, results: pwcTable },
    speed: { ...speed, note: 'AspectTagger.tag on held-out PwC digests, best of 3 passes, one thread' },
  };
  const jsonFile = path.join(repoRoot, 'bench/results/tagger.json');
  fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
  fs.writeFileSync(jsonFile, JSON.stringify(result, null, 2) + '\n');

  const markdown = [
    '# Aspect tagger quality',
    '',
    'Generated by `npx tsx tools/aspects/eval-scirex.ts` (numbers below are rewritten on each run).',
    '',
    `## SciREX (${scirex.length} hand-annotated papers, title + abstract)`,
    '',
    ...TABLE_HEAD,
    ...markdownRows(scirexTable),
    '',
    `## Papers-with-Code labels, held-out splits (${heldOut.length} papers)`,
    '',
    ...TABLE_HEAD,
    ...markdownRows(pwcTable),
    '',
    `Speed: ${speed.digestsPerSecond} digests/s (${speed.digests} digests, mean ${speed.meanChars} characters, best of 3 passes, one thread).`,
    '',
  ].join('\n');
  fs.writeFileSync(path.join(repoRoot, 'bench/results/tagger.md'), markdown);
  console.log(markdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
