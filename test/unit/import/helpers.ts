import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportProblem, ImportSource } from '../../../src-main/common/contract.ts';
import { readSource, type ReadSourceOptions } from '../../../src-main/core/import/index.ts';
import type { ParsedRecord } from '../../../src-main/core/types.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const fixturesDir = path.join(repoRoot, 'test/fixtures/import');
export const sharedSeedsDir = path.resolve(repoRoot, '../shared/seeds');

export function fixture(name: string): string {
  return path.join(fixturesDir, name);
}

export interface Collected {
  records: ParsedRecord[];
  problems: ImportProblem[];
  /** Records and problems in the order they arrived, as 'record:<title>' / 'problem:<message>'. */
  order: string[];
}

export async function collect(source: ImportSource | string, options?: ReadSourceOptions): Promise<Collected> {
  const input: ImportSource = typeof source === 'string' ? { kind: 'file', path: source } : source;
  const collected: Collected = { records: [], problems: [], order: [] };
  for await (const item of readSource(input, options)) {
    if (item.kind === 'record') {
      collected.records.push(item.record);
      collected.order.push(`record:${item.record.title}`);
    } else {
      collected.problems.push(item.problem);
      collected.order.push(`problem:${item.problem.message}`);
    }
  }
  return collected;
}

/** A fresh temp dir for one test file; call the returned function to remove it. */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-import-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function byTitle(records: ParsedRecord[], title: string): ParsedRecord {
  const found = records.find((record) => record.title === title);
  if (!found) throw new Error(`no record titled ${JSON.stringify(title)} among: ${records.map((record) => record.title).join(' | ')}`);
  return found;
}
