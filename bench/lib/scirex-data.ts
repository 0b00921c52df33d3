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
    const title = (typeof row.title === 'string' ? row.title : '').trim();
    const full = (typeof row.title_abstract_text === 'string' ? row.title_abstract_text : '').trim();
    // title_abstract_text is the title followed by the abstract; only 49 rows split them cleanly.
    const abstract = full.startsWith(title) ? full.slice(title.length).trim() : full;
    const labels = (key: string) => [...new Set(pythonStringList(row[key]).map(normaliseLabel).filter(Boolean))];
    papers.push({ id: String(row.doc_id), title, abstract, tasks: labels('tasks'), methods: labels('methods'), datasets: labels('datasets') });
  });
  return papers;
}

/**
 * Method relevance from SciREX's human entity annotations (tools/model/select_aspects.py mirrors it):
 * two papers are relevant when their full texts share at least MENTIONS_SHARED annotated Method
 * mentions (spelling folded by normaliseLabel), each mentioned by fewer than MENTIONS_MAX_SHARE of the
 * pool's papers. The gold method labels alone name mostly each paper's own model, so almost no two
 * papers share one (2-3 queries per split).
 */
export const MENTIONS_SHARED = 2;
export const MENTIONS_MAX_SHARE = 0.1;

/** The distinct Method mentions of every full-text document in the SciREX tarball, by doc id. */
export function loadScirexMethodMentions(tarGzFile: string): Map<string, string[]> {
  const tar = gunzipSync(readFileSync(tarGzFile));
  const out = new Map<string, string[]>();
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (name === '') break;
    const size = Number.parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (!name.endsWith('.json')) continue;
    const firstLine = body.toString('utf8').split('\n')[0]!;
    const doc = JSON.parse(firstLine) as { doc_id: string; words: string[]; ner: [number, number, string][] };
    const mentions = new Set(doc.ner.filter(([, , kind]) => kind === 'Method').map(([start, end]) => normaliseLabel(doc.words.slice(start, end).join(' '))));
    mentions.delete('');
    out.set(doc.doc_id, [...mentions]);
  }
  return out;
}

/** Relevance under the mention rule above, over one pool. */
export function mentionRelevance(mentions: readonly (readonly string[])[]): Set<number>[] {
  const counts = new Map<string, number>();
  for (const list of mentions) for (const m of list) counts.set(m, (counts.get(m) ?? 0) + 1);
  const cap = MENTIONS_MAX_SHARE * mentions.length;
  const kept = mentions.map((list) => new Set(list.filter((m) => counts.get(m)! < cap)));
  const relevant = mentions.map(() => new Set<number>());
  for (let i = 0; i < kept.length; i++) {
    for (let j = i + 1; j < kept.length; j++) {
      let shared = 0;
      for (const m of kept[i]!) if (kept[j]!.has(m) && ++shared >= MENTIONS_SHARED) break;
      if (shared >= MENTIONS_SHARED) {
        relevant[i]!.add(j);
        relevant[j]!.add(i);
      }
    }
  }
  return relevant;
}
