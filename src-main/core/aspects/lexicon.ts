/**
 * The name-list files in resources/aspects/ (written by tools/aspects/build-names.ts) and their
 * loader. Files are validated on load; a malformed file fails with its path and the bad record.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../data-dir.ts';

export interface MethodRecord {
  /** Papers-with-Code canonical method name: what derived labels and the tagger return. */
  name: string;
  /** Expanded name; equals `name` when the source had none. */
  fullName: string;
  areas: string[];
  collections: string[];
  /** Papers-with-Code's count of papers using the method (June 2022). */
  numPapers: number;
}

export interface MethodsFile {
  source: string;
  methods: MethodRecord[];
}

export interface TasksFile {
  sources: string[];
  tasks: string[];
}

export interface DatasetRecord {
  /** Canonical dataset name (the Papers-with-Code dataset id where one exists). */
  name: string;
  /** Other names and benchmark variants of the dataset, e.g. "COCO test-dev". */
  variants: string[];
}

export interface DatasetsFile {
  sources: string[];
  datasets: DatasetRecord[];
}

export interface CommonWordsFile {
  source: string;
  minCount: number;
  /** Lower-case words frequent in ordinary (lower-case) use. */
  words: string[];
}

export interface TaskParentsFile {
  source: string;
  /** Task (as in tasks.json, canonical form) → broader tasks in the Papers-with-Code taxonomy. */
  parents: Record<string, string[]>;
}

export interface DisplayNamesFile {
  source: string;
  /** Dataset name listed only in lower case → its capitalised spelling. */
  datasets: Record<string, string>;
}

export interface AspectNameLists {
  methods: MethodRecord[];
  tasks: string[];
  datasets: DatasetRecord[];
  commonWords: ReadonlySet<string>;
  /** Taxonomy parents of tasks (task-parents.json); none when omitted. */
  taskParents?: Readonly<Record<string, readonly string[]>>;
  /** Display spellings of lower-case dataset names (display-names.json); none when omitted. */
  datasetDisplay?: Readonly<Record<string, string>>;
}

/**
 * <repo>/resources/aspects, found from the repository root (data-dir.ts), which works from any
 * working directory and from the compiled bundles in out/ as well as from these sources.
 */
export const DEFAULT_ASPECTS_DIR = path.join(repoRoot(), 'resources', 'aspects');

async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read aspect name list ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`aspect name list ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function field(file: string, value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || !(key in value)) {
    throw new Error(`aspect name list ${file}: missing "${key}"`);
  }
  return (value as Record<string, unknown>)[key];
}

export function parseMethods(file: string, value: unknown): MethodRecord[] {
  const methods = field(file, value, 'methods');
  if (!Array.isArray(methods)) throw new Error(`aspect name list ${file}: "methods" is not a list`);
  return methods.map((item: unknown, index) => {
    const record = item as Partial<MethodRecord> | null;
    if (
      !record ||
      typeof record.name !== 'string' ||
      record.name === '' ||
      typeof record.fullName !== 'string' ||
      !isStringArray(record.areas) ||
      !isStringArray(record.collections) ||
      typeof record.numPapers !== 'number'
    ) {
      throw new Error(`aspect name list ${file}: methods[${index}] is malformed (${JSON.stringify(item)?.slice(0, 120)})`);
    }
    return record as MethodRecord;
  });
}

export function parseTasks(file: string, value: unknown): string[] {
  const tasks = field(file, value, 'tasks');
  if (!isStringArray(tasks)) throw new Error(`aspect name list ${file}: "tasks" is not a list of strings`);
  return tasks;
}

export function parseDatasets(file: string, value: unknown): DatasetRecord[] {
  const datasets = field(file, value, 'datasets');
  if (!Array.isArray(datasets)) throw new Error(`aspect name list ${file}: "datasets" is not a list`);
  return datasets.map((item: unknown, index) => {
    const record = item as Partial<DatasetRecord> | null;
    if (!record || typeof record.name !== 'string' || record.name === '' || !isStringArray(record.variants)) {
      throw new Error(`aspect name list ${file}: datasets[${index}] is malformed (${JSON.stringify(item)?.slice(0, 120)})`);
    }
    return record as DatasetRecord;
  });
}

export function parseCommonWords(file: string, value: unknown): Set<string> {
  const words = field(file, value, 'words');
  if (!isStringArray(words)) throw new Error(`aspect name list ${file}: "words" is not a list of strings`);
  return new Set(words);
}

function isStringRecord<T>(value: unknown, item: (entry: unknown) => entry is T): value is Record<string, T> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(item);
}

export function parseTaskParents(file: string, value: unknown): Record<string, string[]> {
  const parents = field(file, value, 'parents');
  if (!isStringRecord(parents, isStringArray)) throw new Error(`aspect name list ${file}: "parents" is not a map of task to task names`);
  return parents;
}

export function parseDisplayNames(file: string, value: unknown): Record<string, string> {
  const datasets = field(file, value, 'datasets');
  if (!isStringRecord(datasets, (entry): entry is string => typeof entry === 'string')) throw new Error(`aspect name list ${file}: "datasets" is not a map of names`);
  return datasets;
}

export async function loadMethodRecords(aspectsDir = DEFAULT_ASPECTS_DIR): Promise<MethodRecord[]> {
  const file = path.join(aspectsDir, 'methods.json');
  return parseMethods(file, await readJsonFile(file));
}

export async function loadCommonWords(aspectsDir = DEFAULT_ASPECTS_DIR): Promise<Set<string>> {
  const file = path.join(aspectsDir, 'common-words.json');
  return parseCommonWords(file, await readJsonFile(file));
}

/** The four name lists build-names.ts writes, without the folding lists (for the tool that builds those). */
export async function loadBaseNameLists(aspectsDir = DEFAULT_ASPECTS_DIR): Promise<AspectNameLists> {
  const tasksFile = path.join(aspectsDir, 'tasks.json');
  const datasetsFile = path.join(aspectsDir, 'datasets.json');
  const [methods, commonWords, tasks, datasets] = await Promise.all([
    loadMethodRecords(aspectsDir),
    loadCommonWords(aspectsDir),
    readJsonFile(tasksFile).then((value) => parseTasks(tasksFile, value)),
    readJsonFile(datasetsFile).then((value) => parseDatasets(datasetsFile, value)),
  ]);
  return { methods, tasks, datasets, commonWords };
}

export async function loadAspectNameLists(aspectsDir = DEFAULT_ASPECTS_DIR): Promise<AspectNameLists> {
  const tasksFile = path.join(aspectsDir, 'tasks.json');
  const datasetsFile = path.join(aspectsDir, 'datasets.json');
  const parentsFile = path.join(aspectsDir, 'task-parents.json');
  const displayFile = path.join(aspectsDir, 'display-names.json');
  const [methods, commonWords, tasks, datasets, taskParents, datasetDisplay] = await Promise.all([
    loadMethodRecords(aspectsDir),
    loadCommonWords(aspectsDir),
    readJsonFile(tasksFile).then((value) => parseTasks(tasksFile, value)),
    readJsonFile(datasetsFile).then((value) => parseDatasets(datasetsFile, value)),
    readJsonFile(parentsFile).then((value) => parseTaskParents(parentsFile, value)),
    readJsonFile(displayFile).then((value) => parseDisplayNames(displayFile, value)),
  ]);
  return { methods, tasks, datasets, commonWords, taskParents, datasetDisplay };
}
