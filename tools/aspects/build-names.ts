/**
 * Builds the compact name lists in resources/aspects/ from the third-party data in ../shared.
 *
 *   npx tsx tools/aspects/build-names.ts
 *
 * Only names (and small facts about them: area, collection, paper count, variants) are written:
 * no descriptions, abstracts or other prose. Names of tasks and datasets come from TRAIN-split
 * papers only; held-out papers (validation, test1-few-shot, test2-zero-shot) are never a source.
 *
 * common-words.json is a derived statistic, not text: lower-case words that occur at least
 * COMMON_WORD_MIN_COUNT times written in lower case in train-split abstracts. The name rules use it
 * to spot names that are also ordinary words (BASE, USE, NODE, "Segmentation").
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { CommonWordsFile, DatasetsFile, MethodsFile, TasksFile } from '../../src-main/core/aspects/lexicon.ts';
import { datasetBaseName } from '../../src-main/core/aspects/term-lexicon.ts';
import { HELD_OUT_SPLITS, SHARED_FILES, readGzipJsonl, readGzipText, readTdmsPapers, repoRoot, sharedPath } from './shared-data.ts';

const OUT_DIR = path.join(repoRoot, 'resources/aspects');
const COMMON_WORD_MIN_COUNT = 5;

interface RawMethod {
  name?: unknown;
  full_name?: unknown;
  num_papers?: unknown;
  collections?: unknown;
}

function buildMethods(): MethodsFile {
  const raw = JSON.parse(readGzipText(SHARED_FILES.methods)) as unknown;
  if (!Array.isArray(raw)) throw new Error(`${SHARED_FILES.methods}: expected a JSON array`);
  const seen = new Set<string>();
  const methods: MethodsFile['methods'] = [];
  raw.forEach((item: RawMethod, index) => {
    const where = `${SHARED_FILES.methods}[${index}]`;
    if (typeof item.name !== 'string' || item.name.trim() === '') throw new Error(`${where}: missing name`);
    const name = item.name.trim();
    if (seen.has(name)) return;
    seen.add(name);
    const collections = Array.isArray(item.collections) ? item.collections : [];
    const areas = new Set<string>();
    const collectionNames = new Set<string>();
    for (const collection of collections as Array<Record<string, unknown>>) {
      if (typeof collection.area === 'string') areas.add(collection.area);
      if (typeof collection.collection === 'string') collectionNames.add(collection.collection);
    }
    const fullName = typeof item.full_name === 'string' && item.full_name.trim() !== '' ? item.full_name.trim() : name;
    methods.push({
      name,
      fullName,
      areas: [...areas],
      collections: [...collectionNames],
      numPapers: typeof item.num_papers === 'number' ? item.num_papers : 0,
    });
  });
  methods.sort((a, b) => a.name.localeCompare(b.name));
  return { source: SHARED_FILES.methods, methods };
}

/** all_tasks.txt holds one quoted name a line, with some junk ("", "2k", truncated names). */
function readTaxonomyTasks(): string[] {
  const text = execFileSync('tar', ['-xzOf', sharedPath(SHARED_FILES.taskTaxonomy), 'data/all_tasks.txt'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return text
    .split('\n')
    .map((line) => line.trim().replace(/^"(.*)"$/, '$1').trim())
    .filter((name) => /\p{L}{3}/u.test(name));
}

function buildTasks(trainTasks: Iterable<string>): TasksFile {
  const byKey = new Map<string, string>();
  for (const name of [...trainTasks, ...readTaxonomyTasks()]) {
    const clean = name.trim();
    if (!/\p{L}{3}/u.test(clean)) continue;
    const key = clean.toLowerCase();
    if (!byKey.has(key)) byKey.set(key, clean);
  }
  return { sources: [`${SHARED_FILES.tdms} (train split)`, `${SHARED_FILES.taskTaxonomy} data/all_tasks.txt`], tasks: [...byKey.values()].sort() };
}

/** Spellings that differ only in case and punctuation ("cifar100", "CIFAR-100") name one dataset. */
function datasetKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}+]+/gu, '');
}

function buildDatasets(trainDatasets: Iterable<string>): DatasetsFile {
  const rows = readGzipJsonl(SHARED_FILES.datafinderDatasets);
  const entries = new Map<string, Set<string>>();
  const variantOwner = new Map<string, string>();
  rows.forEach((row, index) => {
    const record = row as Record<string, unknown>;
    if (typeof record.id !== 'string' || record.id.trim() === '') {
      throw new Error(`${SHARED_FILES.datafinderDatasets}:${index + 1}: missing id`);
    }
    const name = record.id.trim();
    const variants = entries.get(name) ?? new Set<string>();
    entries.set(name, variants);
    const listed = Array.isArray(record.variants) ? record.variants : [];
    for (const variant of listed) {
      if (typeof variant !== 'string' || variant.trim() === '' || variant.trim() === name) continue;
      variants.add(variant.trim());
    }
    for (const surface of [name, ...variants]) {
      if (!variantOwner.has(datasetKey(surface))) variantOwner.set(datasetKey(surface), name);
    }
  });
  // A train label that is a known variant (up to case and punctuation), or whose base name is a known
  // dataset ("Cityscapes test"), joins that dataset; any other label starts a dataset of its own.
  for (const label of trainDatasets) {
    const clean = label.trim();
    if (!/\p{L}|\p{N}{2}/u.test(clean)) continue;
    const owner = variantOwner.get(datasetKey(clean)) ?? variantOwner.get(datasetKey(datasetBaseName(clean)));
    if (owner) {
      if (owner !== clean) entries.get(owner)?.add(clean);
      continue;
    }
    // A benchmark variant of an unknown dataset ("Mapillary test") is filed under its base name.
    const base = datasetBaseName(clean) || clean;
    const variants = entries.get(base) ?? new Set<string>();
    if (base !== clean) variants.add(clean);
    entries.set(base, variants);
    variantOwner.set(datasetKey(base), base);
    variantOwner.set(datasetKey(clean), base);
  }
  const datasets = [...entries.entries()]
    .map(([name, variants]) => ({ name, variants: [...variants].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { sources: [SHARED_FILES.datafinderDatasets, `${SHARED_FILES.tdms} (train split)`], datasets };
}

function buildCommonWords(trainAbstracts: Iterable<string>): CommonWordsFile {
  const counts = new Map<string, number>();
  for (const abstract of trainAbstracts) {
    for (const match of abstract.matchAll(/\p{L}+/gu)) {
      const word = match[0];
      if (word.length < 2 || word !== word.toLowerCase()) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const words = [...counts.entries()]
    .filter(([, count]) => count >= COMMON_WORD_MIN_COUNT)
    .map(([word]) => word)
    .sort();
  return { source: `${SHARED_FILES.tdms} (train-split abstracts, lower-case occurrences)`, minCount: COMMON_WORD_MIN_COUNT, words };
}

function writeJson(name: string, value: unknown): void {
  const file = path.join(OUT_DIR, name);
  fs.writeFileSync(file, JSON.stringify(value) + '\n');
  console.log(`wrote ${path.relative(repoRoot, file)} (${fs.statSync(file).size} bytes)`);
}

function main(): void {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const papers = readTdmsPapers();
  const train = papers.filter((paper) => paper.split === 'train');
  const unknownSplits = new Set(papers.map((paper) => paper.split).filter((split) => split !== 'train' && !HELD_OUT_SPLITS.has(split)));
  if (unknownSplits.size > 0) throw new Error(`${SHARED_FILES.tdms}: unknown splits ${[...unknownSplits].join(', ')}`);
  const methods = buildMethods();
  const tasks = buildTasks(train.flatMap((paper) => paper.tasks));
  const datasets = buildDatasets(train.flatMap((paper) => paper.datasets));
  const commonWords = buildCommonWords(train.map((paper) => paper.abstract));
  writeJson('methods.json', methods);
  writeJson('tasks.json', tasks);
  writeJson('datasets.json', datasets);
  writeJson('common-words.json', commonWords);
  console.log(
    `${methods.methods.length} methods, ${tasks.tasks.length} tasks, ${datasets.datasets.length} datasets, ` +
      `${commonWords.words.length} common words (from ${train.length} train papers)`,
  );
}

main();
