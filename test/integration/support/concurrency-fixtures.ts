/**
 * Helpers for the multi-process tests: generated JSONL libraries with known ids, the real `facet`
 * CLI as a child process, and a look at the raw LanceDB table (no Facet open, so no repair on
 * open can hide what the writers left).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import '../../../src-main/core/store/lance-cpu-pool.ts';
import * as lancedb from '@lancedb/lancedb';
import { repoRoot } from '../../../src-main/core/data-dir.ts';
import { LIBRARY_DIR } from '../../../src-main/core/service.ts';
import { ANN_INDEX_MIN_ROWS } from '../../../src-main/core/store/index.ts';
import { checkIndexHealth, type IndexHealth } from '../../../src-main/core/store/index-health.ts';
import { findDuplicateIds } from '../../../src-main/core/store/repair.ts';

const root = repoRoot();
const bin = path.join(root, 'bin', 'facet.mjs');
const WORDS =
  'contrastive retrieval embedding transformer graph attention benchmark segmentation detection translation summarisation reinforcement policy diffusion generative clustering sparse dense kernel bayesian variational encoder decoder pretraining distillation pruning quantisation federated privacy robustness'.split(
    ' ',
  );

/** `count` papers with arXiv ids 2401.<from…>: the same range in two files means the same papers. */
export function writeJsonlLibrary(file: string, from: number, count: number): void {
  let seed = from + 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
  const lines: string[] = [];
  for (let i = from; i < from + count; i++) {
    lines.push(JSON.stringify({ title: `Study ${i} of ${words(5)}`, abstract: `We study ${words(40)}.`, arxivId: `2401.${String(i).padStart(5, '0')}` }));
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliChild {
  pid: number;
  /** Resolves once stderr has shown a line matching `pattern`. */
  stderrMatches(pattern: RegExp): Promise<void>;
  done: Promise<CliRun>;
  kill(signal: NodeJS.Signals): void;
}

/** Starts `facet …` (bin/facet.mjs) with extra environment variables. */
export function startFacet(args: string[], env: Record<string, string> = {}): CliChild {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += String(chunk);
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(stderr)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  const done = new Promise<CliRun>((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr })));
  return {
    pid: child.pid!,
    stderrMatches: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(stderr)) return resolve();
        waiters.push({ pattern, resolve });
        void done.then((run) => reject(new Error(`facet exited (${run.code}) before stderr matched ${pattern}:\n${run.stderr}`)));
      }),
    done,
    kill: (signal) => child.kill(signal),
  };
}

export function facet(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return startFacet(args, env).done;
}

/** Rows, distinct ids and duplicated ids of the raw papers table of a data folder. */
export async function rawTableCounts(dataDir: string): Promise<{ rows: number; duplicateIds: number; ids: Set<string> }> {
  const db = await lancedb.connect(path.join(dataDir, LIBRARY_DIR));
  if (!(await db.tableNames()).includes('papers')) {
    db.close();
    return { rows: 0, duplicateIds: 0, ids: new Set() };
  }
  const table = await db.openTable('papers');
  try {
    const ids = new Set<string>();
    for await (const batch of table.query().select(['id'])) {
      const column = batch.getChild('id')!;
      for (let i = 0; i < batch.numRows; i++) ids.add(String(column.get(i)));
    }
    return { rows: await table.countRows(), duplicateIds: (await findDuplicateIds(table, '')).size, ids };
  } finally {
    table.close();
    db.close();
  }
}

/** Index names and coverage of the raw table (listIndices + indexStats). */
export async function rawIndexCoverage(dataDir: string): Promise<{ rows: number; indexes: { name: string; columns: string[]; indexed: number; unindexed: number }[] }> {
  const db = await lancedb.connect(path.join(dataDir, LIBRARY_DIR));
  const table = await db.openTable('papers');
  try {
    const indexes = [];
    for (const index of await table.listIndices()) {
      const stats = await table.indexStats(index.name);
      indexes.push({ name: index.name, columns: index.columns, indexed: stats?.numIndexedRows ?? 0, unindexed: stats?.numUnindexedRows ?? 0 });
    }
    return { rows: await table.countRows(), indexes };
  } finally {
    table.close();
    db.close();
  }
}

/** Stores a copy of each of the given papers' rows again: what two unlocked writers used to leave. */
export async function duplicateRawRows(dataDir: string, ids: readonly string[]): Promise<void> {
  const db = await lancedb.connect(path.join(dataDir, LIBRARY_DIR));
  const table = await db.openTable('papers');
  try {
    const list = ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(', ');
    const rows = await table.query().where(`id IN (${list})`).toArrow();
    await table.add(rows);
  } finally {
    table.close();
    db.close();
  }
}

/** The library's index health read from the raw table, as the store itself judges it. */
export async function rawIndexHealth(dataDir: string): Promise<IndexHealth | null> {
  const dir = path.join(dataDir, LIBRARY_DIR);
  if (!fs.existsSync(dir)) return null;
  const db = await lancedb.connect(dir);
  if (!(await db.tableNames()).includes('papers')) {
    db.close();
    return null;
  }
  const table = await db.openTable('papers');
  try {
    const embeddedRows = await table.countRows('embedded_model IS NOT NULL');
    return await checkIndexHealth(table, { embeddedRows, annMinRows: ANN_INDEX_MIN_ROWS });
  } finally {
    table.close();
    db.close();
  }
}
