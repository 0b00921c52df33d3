/**
 * LanceDB's native logger stays quiet about routine notices: a first start (a fresh data folder)
 * prints no "WARN … No existing dataset" on stderr, while a LANCEDB_LOG the person set is kept.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANCEDB_LOG_ENV, QUIET_LANCEDB_LOG, ensureQuietLanceLog } from '../../../src-main/core/store/lance-log-level.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const CHILD = path.join(import.meta.dirname, 'support', 'open-fresh-store.mts');

describe('LanceDB log level', () => {
  it('is set to errors only when unset or empty, and left alone when the person chose one', () => {
    const unset: NodeJS.ProcessEnv = {};
    expect(ensureQuietLanceLog(unset)).toBe(QUIET_LANCEDB_LOG);
    expect(unset[LANCEDB_LOG_ENV]).toBe('error');
    const empty: NodeJS.ProcessEnv = { [LANCEDB_LOG_ENV]: ' ' };
    expect(ensureQuietLanceLog(empty)).toBe('error');
    const chosen: NodeJS.ProcessEnv = { [LANCEDB_LOG_ENV]: 'debug' };
    expect(ensureQuietLanceLog(chosen)).toBe('debug');
    expect(chosen[LANCEDB_LOG_ENV]).toBe('debug');
  });

  it('is imported before @lancedb/lancedb by the store module', () => {
    const text = fs.readFileSync(path.join(ROOT, 'src-main/core/store/paper-store.ts'), 'utf8');
    const quiet = text.search(/import '\.\/lance-log-level\.ts';/);
    const lance = text.search(/import [^;]*from '@lancedb\/lancedb'/);
    expect(quiet).toBeGreaterThanOrEqual(0);
    expect(quiet).toBeLessThan(lance);
  });

  it('keeps "No existing dataset" off stderr when a fresh library is created', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-lance-log-'));
    try {
      const env = { ...process.env };
      delete env[LANCEDB_LOG_ENV];
      const run = spawnSync(process.execPath, [TSX, CHILD, path.join(dir, 'library')], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
      expect(run.stdout).toContain('stored');
      expect(run.status).toBe(0);
      expect(run.stderr).not.toMatch(/No existing dataset/);
      expect(run.stderr).not.toMatch(/\bWARN\b/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows the notice to a person who asks for warnings (so the check above can see it)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-lance-log-'));
    try {
      const run = spawnSync(process.execPath, [TSX, CHILD, path.join(dir, 'library')], {
        cwd: ROOT,
        env: { ...process.env, [LANCEDB_LOG_ENV]: 'warn' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(/No existing dataset/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
