// A compaction killed between writing its temporary file and renaming it leaves
// reading/journal.jsonl.tmp-*; the next open removes it (holding the journal lock) and loses no edit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, READING_DIR, openReadingStore } from '../../../src-main/core/reading/index.ts';
import { removeLeftoverTemps } from '../../../src-main/core/reading/leftover-temps.ts';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'killed-compaction.ts');
let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-reading-temps-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function temps(): string[] {
  return fs.readdirSync(path.join(dataDir, READING_DIR)).filter((name) => name.startsWith(`${JOURNAL_FILE}.tmp-`));
}

describe('leftover journal temporary files', () => {
  it('a process killed mid-compaction leaves one; the next open removes it and keeps every edit', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', child, dataDir, '25'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.signal).toBe('SIGKILL');
    expect(temps()).toHaveLength(1);

    const warnings: string[] = [];
    const store = openReadingStore(dataDir, { onWarning: (message) => warnings.push(message) });
    try {
      expect(temps()).toEqual([]);
      expect(warnings.some((message) => /removed 1 temporary journal file left by an interrupted compaction/.test(message))).toBe(true);
      for (let i = 0; i < 25; i++) expect(store.get(`paper-${i}`)).toMatchObject({ status: 'to-read', note: `note ${i}` });
    } finally {
      store.close();
    }
    expect(temps()).toEqual([]);
  });

  it('removes only the journal\'s temporary files', () => {
    const dir = path.join(dataDir, 'folder');
    fs.mkdirSync(dir);
    for (const name of ['journal.jsonl.tmp-1-aa', 'journal.jsonl.tmp-2-bb', 'journal.jsonl', 'journal.lock', 'notes.tmp-1']) fs.writeFileSync(path.join(dir, name), 'x');
    expect(removeLeftoverTemps(dir, 'journal.jsonl').sort()).toEqual(['journal.jsonl.tmp-1-aa', 'journal.jsonl.tmp-2-bb']);
    expect(fs.readdirSync(dir).sort()).toEqual(['journal.jsonl', 'journal.lock', 'notes.tmp-1']);
    expect(removeLeftoverTemps(path.join(dataDir, 'absent'), 'journal.jsonl')).toEqual([]);
  });
});
