/**
 * SciREX (allenai/SciREX, train split, 306 papers) with its hand-annotated tasks, methods and
 * datasets: the human labels of the quality benchmark. No training step reads this file.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { normaliseLabel } from './labels.ts';

export interface ScirexPaper {
  id: string;
  title: string;
  abstract: string;
  tasks: string[];
  methods: string[];
  datasets: string[];
}

/** The labels are Python list literals ("['A', \"B's\"]"); reads the quoted items. */
export function pythonStringList(text: unknown): string[] {
  if (Array.isArray(text)) return text.map(String);
  if (typeof text !== 'string') return [];
  const items: string[] = [];
  for (const match of text.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)) items.push((match[1] ?? match[2] ?? '').replace(/\\(.)/g, '$1'));
  return items;
}

export function loadScirex(file: string): ScirexPaper[] {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const papers: ScirexPaper[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`${file}:${index + 1}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
    const title = String(row.title ?? '').trim();
    const full = String(row.title_abstract_text ?? '').trim();
    // title_abstract_text is the title followed by the abstract; only 49 rows split them cleanly.
    const abstract = full.startsWith(title) ? full.slice(title.length).trim() : full;
    const labels = (key: string) => [...new Set(pythonStringList(row[key]).map(normaliseLabel).filter(Boolean))];
    papers.push({ id: String(row.doc_id), title, abstract, tasks: labels('tasks'), methods: labels('methods'), datasets: labels('datasets') });
  });
  return papers;
}
