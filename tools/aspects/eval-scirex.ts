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
 *   plural "s" dropped, a trailing parenthetical dropped, spaces ignored): "Dilated Convolutions" =
 *   "dilated convolution", "Named Entity Recognition (NER)" = "Named Entity Recognition",
 *   "THUMOS'14" = "THUMOS14".
 * - lenient: strict, or one name's token sequence contains the other's ("ResNeXt-101" contains
 *   "ResNeXt"; "Real-Time Semantic Segmentation" contains "Semantic Segmentation").
 * Precision = predicted names that match some gold name / predicted names; recall = gold names
 * matched by some predicted name / gold names.
 *
 * Rule ablation for methods: "naive" matches every method name and full name case-insensitively,
 * with no exclusions or context rules (the simplest reading of "find method names in text").
 *
 * Folding ablation: "no folding" rows tag with AspectTagger.fromNameLists(lists, { fold: false }):
 * names exactly as listed, no alias spellings, no display spellings (the tagger before term
 * folding), beside the tagger as the app runs it.
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
  // "Named Entity Recognition (NER)" and "Named Entity Recognition" name one task.
  const withoutAcronym = name.replace(/\s*\([^()]*\)\s*$/u, '');
  const tokens = tokenize(withoutAcronym === '' ? name : withoutAcronym).map((token) => token.key);
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
  // Joined without spaces: "CIFAR 10" = "CIFAR-10" = "CIFAR10", "THUMOS'14" = "THUMOS14".
  if (a.join('') === b.join('')) return true;
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

function evaluate(
  papers: readonly GoldPaper[],
  systems: Record<string, { aspect: TermAspect; run: (paper: GoldPaper) => string[] }>,
  fold: (aspect: TermAspect, name: string) => string = (_, name) => name,
): Table {
  const table: Table = {};
  for (const [label, system] of Object.entries(systems)) {
    const strict = emptyCounts();
    const lenient = emptyCounts();
    for (const paper of papers) {
      const rawGold = paper.gold[system.aspect];
      if (!rawGold) continue;
      const gold = rawGold.map((name) => fold(system.aspect, name));
      const predicted = system.run(paper).map((name) => fold(system.aspect, name));
      addPaper(strict, predicted, gold, false);
      addPaper(lenient, predicted, gold, true);
    }
    table[label] = { strict: scores(strict), lenient: scores(lenient) };
  }
  return table;
}

/**
 * Digests per second over every leaderboard paper with an abstract (speed only, no labels used).
 * Reported both per second of wall-clock time and per second of this process's CPU time: the
 * development machine is shared with other jobs, so CPU time is the steadier measure of the work.
 */
function measureSpeed(tagger: AspectTagger): {
  wallDigestsPerSecond: number;
  cpuDigestsPerSecond: number;
  digests: number;
  meanChars: number;
} {
  const digests = readTdmsPapers().filter((paper) => paper.abstract !== '');
  const wallRates: number[] = [];
  const cpuRates: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    for (const paper of digests) tagger.tag(paper.title, paper.abstract);
    const cpu = process.cpuUsage(cpuStart);
    wallRates.push(digests.length / ((performance.now() - wallStart) / 1000));
    cpuRates.push(digests.length / ((cpu.user + cpu.system) / 1e6));
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
  const meanChars = digests.reduce((sum, paper) => sum + paper.title.length + paper.abstract.length, 0) / digests.length;
  return {
    wallDigestsPerSecond: Math.round(median(wallRates)),
    cpuDigestsPerSecond: Math.round(median(cpuRates)),
    digests: digests.length,
    meanChars: Math.round(meanChars),
  };
}

function markdownRows(table: Table): string[] {
  return Object.entries(table).map(
    ([label, { strict, lenient }]) =>
      `| ${label} | ${strict.precision.toFixed(3)} | ${strict.recall.toFixed(3)} | ${strict.f1.toFixed(3)} | ` +
      `${lenient.precision.toFixed(3)} | ${lenient.recall.toFixed(3)} | ${lenient.f1.toFixed(3)} | ${strict.predicted} | ${strict.gold} |`,
  );
}

const RESULTS_START = '<!-- results:start (written by tools/aspects/eval-scirex.ts) -->';
const RESULTS_END = '<!-- results:end -->';

const TABLE_HEAD = [
  '| system | P strict | R strict | F1 strict | P lenient | R lenient | F1 lenient | predicted | gold |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];

async function main(): Promise<void> {
  const loadStart = performance.now();
  const lists = await loadAspectNameLists();
  const tagger = AspectTagger.fromNameLists(lists);
  const loadMs = Math.round(performance.now() - loadStart);
  const unfolded = AspectTagger.fromNameLists(lists, { fold: false });
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
  const unfoldedSystems = Object.fromEntries(
    TERM_ASPECTS.map((aspect) => [`tagger ${aspect}, no folding`, { aspect, run: (paper: GoldPaper) => unfolded.tag(paper.title, paper.abstract)[aspect] }]),
  );

  const scirex = readScirex();
  const scirexTable = evaluate(scirex, {
    ...tagSystems,
    ...unfoldedSystems,
    'derived method labels (= tagger method)': { aspect: 'method', run: (paper) => tagOf(paper).method },
    'method, naive matching (ablation)': { aspect: 'method', run: (paper) => naive(paper.title, paper.abstract) },
  });
  // Both sides through the same folding: does a tag name the gold entity under any alias spelling?
  const foldBoth = (aspect: TermAspect, name: string) => tagger.folding.canonical(aspect, name);
  const scirexFolded = evaluate(scirex, { ...tagSystems, ...unfoldedSystems }, foldBoth);
  const heldOut = readHeldOutPwc();
  const pwcTable = evaluate(heldOut, {
    'tagger task': tagSystems['tagger task']!,
    'tagger dataset': tagSystems['tagger dataset']!,
    'tagger task, no folding': unfoldedSystems['tagger task, no folding']!,
    'tagger dataset, no folding': unfoldedSystems['tagger dataset, no folding']!,
  });
  const speed = measureSpeed(tagger);

  const result = {
    generatedBy: 'tools/aspects/eval-scirex.ts',
    matching: {
      strict: 'normalised exact: lower case, accents and punctuation dropped, final plural s dropped, trailing parenthetical dropped, spaces ignored',
      lenient: 'strict, or token-sequence containment either way',
      averaging: 'micro over papers; input is title + abstract only',
      noFolding: 'AspectTagger.fromNameLists(lists, { fold: false }): names as listed, no alias spellings (the tagger before term folding)',
    },
    scirex: { source: SHARED_FILES.scirex, papers: scirex.length, results: scirexTable, resultsBothFolded: scirexFolded },
    pwcHeldOut: { source: `${SHARED_FILES.tdms} (validation, test1-few-shot, test2-zero-shot with abstract and labels)`, papers: heldOut.length, results: pwcTable },
    speed: { ...speed, loadMs, note: 'AspectTagger.tag over all leaderboard digests with an abstract; medians of 5 passes; one thread; name lists already loaded; wall-clock rate depends on other jobs sharing the machine' },
  };
  const jsonFile = path.join(repoRoot, 'bench/results/tagger.json');
  fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
  fs.writeFileSync(jsonFile, JSON.stringify(result, null, 2) + '\n');

  const results = [
    RESULTS_START,
    `## SciREX (${scirex.length} hand-annotated papers, title + abstract)`,
    '',
    ...TABLE_HEAD,
    ...markdownRows(scirexTable),
    '',
    `### SciREX with gold and tags both folded (aliases, one spelling per term)`,
    '',
    ...TABLE_HEAD,
    ...markdownRows(scirexFolded),
    '',
    `## Papers-with-Code labels, held-out splits (${heldOut.length} papers)`,
    '',
    ...TABLE_HEAD,
    ...markdownRows(pwcTable),
    '',
    `Speed: ${speed.cpuDigestsPerSecond} digests per CPU-second, ${speed.wallDigestsPerSecond} per wall-clock second ` +
      `(medians of 5 passes over ${speed.digests} digests, mean ${speed.meanChars} characters; one thread, lists loaded). ` +
      `Loading the name lists and building the tries took ${loadMs} ms.`,
    RESULTS_END,
  ].join('\n');
  const markdownFile = path.join(repoRoot, 'bench/results/tagger.md');
  const previous = fs.existsSync(markdownFile) ? fs.readFileSync(markdownFile, 'utf8') : '';
  const start = previous.indexOf(RESULTS_START);
  const end = previous.indexOf(RESULTS_END);
  // Only the generated block between the markers is replaced; the hand-written notes around it stay.
  const markdown =
    start >= 0 && end > start
      ? previous.slice(0, start) + results + previous.slice(end + RESULTS_END.length)
      : ['# Aspect tagger quality', '', 'Generated by `npx tsx tools/aspects/eval-scirex.ts`.', '', results, ''].join('\n');
  fs.writeFileSync(markdownFile, markdown);
  console.log(results);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
