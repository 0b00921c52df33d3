/**
 * The Papers-with-Code leaderboard papers (../shared/data/pwc-leaderboards/
 * sota_papers_title_abstract_tdms.jsonl.gz) as the quality benchmark uses them: papers with an
 * abstract and at least one task or dataset label, one entry per paper_id (a paper filed in several
 * splits is kept once, with all its splits).
 */
import { readJsonl } from './jsonl.ts';

export const HELD_OUT_SPLITS = ['validation', 'test1-few-shot', 'test2-zero-shot'] as const;
export const TRAIN_SPLIT = 'train';

export interface PwcPaper {
  id: string;
  arxivId: string | null;
  title: string;
  abstract: string;
  splits: string[];
  tasks: string[];
  datasets: string[];
}

export interface PwcLoadReport {
  rows: number;
  withoutAbstract: number;
  withoutLabels: number;
  duplicateRows: number;
}

function stringList(value: unknown, field: string, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new Error(`${where}: field "${field}" must be a list of strings`);
  }
  return [...new Set((value as string[]).map((item) => item.trim()).filter((item) => item !== ''))];
}

function optionalString(value: unknown, field: string, where: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new Error(`${where}: field "${field}" must be a string`);
  return value;
}

export interface PwcData {
  papers: PwcPaper[];
  report: PwcLoadReport;
  /**
   * paper_id and arXiv id of EVERY row in a held-out split, with or without labels or abstract:
   * the keys the model trainer never trains on, so no 4-fold training paper may carry one.
   */
  heldOutKeys: Set<string>;
}

export async function loadPwcPapers(path: string): Promise<PwcData> {
  const byId = new Map<string, PwcPaper>();
  const heldOutKeys = new Set<string>();
  const report: PwcLoadReport = { rows: 0, withoutAbstract: 0, withoutLabels: 0, duplicateRows: 0 };
  for await (const { line, value } of readJsonl(path)) {
    report.rows += 1;
    const where = `${path}:${line}`;
    if (typeof value !== 'object' || value === null) throw new Error(`${where}: expected a JSON object`);
    const row = value as Record<string, unknown>;
    const id = optionalString(row.paper_id, 'paper_id', where);
    if (id === '') throw new Error(`${where}: record has no paper_id`);
    const split = optionalString(row.split, 'split', where);
    if ((HELD_OUT_SPLITS as readonly string[]).includes(split)) {
      heldOutKeys.add(id);
      const arxiv = optionalString(row.arxiv_id, 'arxiv_id', where);
      if (arxiv !== '') heldOutKeys.add(arxiv);
    }
    const abstract = optionalString(row.abstract, 'abstract', where).trim();
    const tasks = stringList(row.tasks, 'tasks', where);
    const datasets = stringList(row.datasets, 'datasets', where);
    if (abstract === '') {
      report.withoutAbstract += 1;
      continue;
    }
    if (tasks.length === 0 && datasets.length === 0) {
      report.withoutLabels += 1;
      continue;
    }
    const existing = byId.get(id);
    if (existing) {
      report.duplicateRows += 1;
      if (!existing.splits.includes(split)) existing.splits.push(split);
      existing.tasks = [...new Set([...existing.tasks, ...tasks])];
      existing.datasets = [...new Set([...existing.datasets, ...datasets])];
      continue;
    }
    const arxivId = optionalString(row.arxiv_id, 'arxiv_id', where);
    byId.set(id, {
      id,
      arxivId: arxivId === '' ? null : arxivId,
      title: optionalString(row.title, 'title', where).trim(),
      abstract,
      splits: [split],
      tasks,
      datasets,
    });
  }
  return { papers: [...byId.values()], report, heldOutKeys };
}

/** Held-out papers: in a validation/test split and in no training split (so no model has seen them). */
export function heldOutPapers(papers: readonly PwcPaper[]): { pool: PwcPaper[]; alsoInTrain: number } {
  let alsoInTrain = 0;
  const pool = papers.filter((paper) => {
    const heldOut = paper.splits.some((split) => (HELD_OUT_SPLITS as readonly string[]).includes(split));
    if (!heldOut) return false;
    if (paper.splits.includes(TRAIN_SPLIT)) {
      alsoInTrain += 1;
      return false;
    }
    return true;
  });
  return { pool, alsoInTrain };
}

/**
 * Papers only in the training split whose paper_id and arXiv id appear in no held-out row: the
 * only ones any model (or per-fold head) may train on.
 */
export function trainOnlyPapers(papers: readonly PwcPaper[], heldOutKeys: ReadonlySet<string>): PwcPaper[] {
  return papers.filter(
    (paper) =>
      paper.splits.every((split) => split === TRAIN_SPLIT) &&
      !heldOutKeys.has(paper.id) &&
      (paper.arxivId === null || !heldOutKeys.has(paper.arxivId)),
  );
}

/** The text every system sees: title and abstract. */
export function digestText(paper: { title: string; abstract: string }): string {
  return paper.title === '' ? paper.abstract : `${paper.title}. ${paper.abstract}`;
}
