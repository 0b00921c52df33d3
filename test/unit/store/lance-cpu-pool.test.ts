import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANCE_CPU_THREADS_ENV, ensureLanceCpuThreads, lanceCpuThreadsFor } from '../../../src-main/core/store/lance-cpu-pool.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('Lance CPU pool size', () => {
  it('never leaves the pool at one thread, and gives larger machines what Lance would', () => {
    expect(lanceCpuThreadsFor(1)).toBe(2);
    expect(lanceCpuThreadsFor(2)).toBe(2);
    expect(lanceCpuThreadsFor(3)).toBe(2);
    expect(lanceCpuThreadsFor(4)).toBe(2);
    expect(lanceCpuThreadsFor(16)).toBe(14);
  });

  it('sets the variable only when the person has not', () => {
    const unset: NodeJS.ProcessEnv = {};
    expect(ensureLanceCpuThreads(unset, 2)).toBe('2');
    expect(unset[LANCE_CPU_THREADS_ENV]).toBe('2');

    const empty: NodeJS.ProcessEnv = { [LANCE_CPU_THREADS_ENV]: ' ' };
    expect(ensureLanceCpuThreads(empty, 8)).toBe('6');

    const explicit: NodeJS.ProcessEnv = { [LANCE_CPU_THREADS_ENV]: '1' };
    expect(ensureLanceCpuThreads(explicit, 8)).toBe('1');
    expect(explicit[LANCE_CPU_THREADS_ENV]).toBe('1');
  });

  it('is in effect in this process once the store is loaded', async () => {
    await import('../../../src-main/core/store/index.ts');
    expect(Number(process.env[LANCE_CPU_THREADS_ENV])).toBeGreaterThanOrEqual(2);
  });

  it('is imported before @lancedb/lancedb by every module that loads LanceDB', () => {
    const importers = ['src-main', 'bench', 'tools']
      .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => /from '@lancedb\/lancedb'/.test(fs.readFileSync(file, 'utf8')));
    expect(importers.length).toBeGreaterThan(0);
    const late = importers.filter((file) => {
      const text = fs.readFileSync(file, 'utf8');
      const pool = text.search(/import '[^']*lance-cpu-pool\.ts';/);
      const lance = text.search(/import [^;]*from '@lancedb\/lancedb'/);
      // `import type` erases at run time, so it cannot start LanceDB early.
      const onlyTypes = !/import (?!type )[^;]*from '@lancedb\/lancedb'/.test(text);
      return !onlyTypes && (pool < 0 || pool > lance);
    });
    expect(late.map((file) => path.relative(ROOT, file))).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : sourceFiles(full);
    return /\.(ts|mts)$/.test(entry.name) ? [full] : [];
  });
}
