/**
 * Regression test for the index refresh that never returned on 2-core machines (the 100k
 * stall): with a one-thread Lance CPU pool, optimizing an FTS index over ~4M distinct words
 * deadlocks. Measured when this test was written: 20,000 abstracts of 200 random words hang
 * past 60 s with LANCE_CPU_THREADS=1, and refresh in about 15 s once lance-cpu-pool.ts sizes the pool.
 * The store runs in a child process started WITHOUT LANCE_CPU_THREADS, as on a fresh machine.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const child = path.join(import.meta.dirname, 'support', 'fts-volume-child.ts');
const CHILD_TIMEOUT_MS = 150_000;
let dir: string | null = null;

afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('PaperStore index refresh over a large FTS vocabulary', () => {
  it('returns instead of deadlocking when LANCE_CPU_THREADS is unset', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-fts-volume-'));
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
    delete env.LANCE_CPU_THREADS;
    const { code, stdout, stderr } = await new Promise<{ code: number | string | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', child, dir!, '20000', '200'], { env, timeout: CHILD_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, out, err) => {
        resolve({ code: error ? (error.code ?? error.signal ?? 'killed') : 0, stdout: out, stderr: err });
      });
    });
    expect(code, `child failed or hung (stderr: ${stderr.slice(-2000)})`).toBe(0);
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { papers: number; seconds: number; cpuThreads: string | null };
    expect(result.papers).toBe(20_000);
    expect(Number(result.cpuThreads)).toBeGreaterThanOrEqual(2);
  }, CHILD_TIMEOUT_MS + 30_000);
});
