/**
 * Reading the third-party data in ../shared for the aspect tools. Nothing here is copied into the
 * repository; tools read it in place and fail with a message naming the missing file.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedRoot = path.resolve(repoRoot, '../shared');

export const SHARED_FILES = {
  tdms: 'data/pwc-leaderboards/sota_papers_title_abstract_tdms.jsonl.gz',
  methods: 'data/pwc-methods/methods.json.gz',
  taskTaxonomy: 'data/pwc-task-taxonomy/pwc_task_taxonomy_results.tar.gz',
  datafinderDatasets: 'data/datafinder/pwc_dataset_collection_description_title_only.jsonl.gz',
  scirex: 'data/scirex/scirex_train306_aspects.jsonl.gz',
} as const;

export function sharedPath(relative: string): string {
  const full = path.join(sharedRoot, relative);
  if (!fs.existsSync(full)) {
    throw new Error(`missing shared data file ${full} (expected ../shared beside the repository; see shared/README.md)`);
  }
  return full;
}

export function readGzipText(relative: string): string {
  return zlib.gunzipSync(fs.readFileSync(sharedPath(relative))).toString('utf8');
}

/** Parses a gzipped JSONL file; a bad line fails with the file and line number. */
export function readGzipJsonl(relative: string): unknown[] {
  const lines = readGzipText(relative).split('\n');
  const rows: unknown[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      rows.push(JSON.parse(line));
    } catch (error) {
      throw new Error(`${relative}:${index + 1}: not JSON (${(error as Error).message})`);
    }
  });
  return rows;
}

export interface TdmsPaper {
  paper_id: string;
  arxiv_id: string;
  split: string;
  title: string;
  abstract: string;
  tasks: string[];
  datasets: string[];
}

export const HELD_OUT_SPLITS = new Set(['validation', 'test1-few-shot', 'test2-zero-shot']);

function stringList(value: unknown, where: string): string[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`${where}: expected a list of strings`);
  }
  return value;
}

/** Missing text in the tdms file is written as "None" or the empty string. */
function text(value: unknown): string {
  return typeof value === 'string' && value !== 'None' ? value : '';
}

export function readTdmsPapers(): TdmsPaper[] {
  return readGzipJsonl(SHARED_FILES.tdms).map((row, index) => {
    const where = `${SHARED_FILES.tdms}:${index + 1}`;
    if (typeof row !== 'object' || row === null) throw new Error(`${where}: not an object`);
    const record = row as Record<string, unknown>;
    if (typeof record.paper_id !== 'string' || typeof record.split !== 'string') {
      throw new Error(`${where}: missing paper_id or split`);
    }
    return {
      paper_id: record.paper_id,
      arxiv_id: typeof record.arxiv_id === 'string' ? record.arxiv_id : '',
      split: record.split,
      title: text(record.title),
      abstract: text(record.abstract),
      tasks: stringList(record.tasks, `${where} tasks`),
      datasets: stringList(record.datasets, `${where} datasets`),
    };
  });
}
