// The real digest pages in ../shared/seeds (third-party data, read in place, never copied here).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dedupKeys } from '../../../src-main/core/import/index.ts';
import { collect, sharedSeedsDir } from './helpers.ts';

const seedFiles = fs.existsSync(sharedSeedsDir)
  ? fs.readdirSync(sharedSeedsDir).filter((name) => name.endsWith('.txt')).sort()
  : [];
const haveSeeds = seedFiles.length === 3;
if (!haveSeeds) console.warn(`skipping seed digest tests: ${sharedSeedsDir} with its three .txt pages is not present`);

/** Lines the pages print around the entries; none of them may become a title or an abstract. */
const CHROME = ['new', 'Subscribe', 'Daily Papers', 'Get trending papers in your email inbox!', 'byAK and the research community', 'by AK and the research community'];

describe.skipIf(!haveSeeds)('seed digest pages (../shared/seeds)', () => {
  it('reads 62, 50 and 53 entries: 165 in all, 118 unique by dedup key', async () => {
    const counts: number[] = [];
    const unique = new Set<string>();
    for (const name of seedFiles) {
      const { records, problems } = await collect(path.join(sharedSeedsDir, name));
      expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
      counts.push(records.length);
      for (const record of records) unique.add(dedupKeys(record)[0] ?? '');
    }
    expect(counts).toEqual([62, 50, 53]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(165);
    expect(unique.size).toBe(118);
  });

  it('gives every entry a title line and the abstract paragraph that follows it', async () => {
    for (const name of seedFiles) {
      const file = path.join(sharedSeedsDir, name);
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const { records } = await collect(file);
      for (const record of records) {
        expect(CHROME).not.toContain(record.title);
        expect(record.title).not.toMatch(/^[A-Z][a-z]{2} \d{1,2}$/); // the page date ("Mar 14")
        expect(record.title.length).toBeLessThan(200);
        // The title is the line the record starts on; the abstract is the paragraph after the blank line.
        const line = record.sourceLine ?? 0;
        expect(lines[line - 1]).toBe(record.title);
        expect(lines[line]).toBe('');
        expect(record.abstract).toBe(lines[line + 1]);
        expect(record.abstract.length).toBeGreaterThan(300);
        // No abstract swallowed the next title: each ends where its paragraph ends.
        expect(lines[line + 2] ?? '').toBe('');
        expect(record.authors).toEqual([]);
      }
    }
  });

  it('dates every entry by the page heading ("Mar 14": the latest March 14 up to the import day)', async () => {
    const now = new Date('2026-06-01T12:00:00Z');
    for (const name of seedFiles) {
      const file = path.join(sharedSeedsDir, name);
      const headed = /^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}$/m.exec(fs.readFileSync(file, 'utf8'));
      const { records } = await collect(file, { now });
      for (const record of records) {
        if (headed) expect(record).toMatchObject({ date: expect.stringMatching(/^2026-\d{2}-\d{2}$/), year: 2026 });
        else expect(record.date).toBeNull();
      }
      if (headed?.[0] === 'Mar 14') expect(records.every((record) => record.date === '2026-03-14')).toBe(true);
    }
  });

  it('keeps URLs inside abstracts', async () => {
    const { records } = await collect(path.join(sharedSeedsDir, seedFiles[0] ?? ''));
    expect(records.some((record) => /https?:\/\/\S+/.test(record.abstract))).toBe(true);
  });

  it('finds the same papers when a page is pasted as text', async () => {
    const file = path.join(sharedSeedsDir, seedFiles[1] ?? '');
    const fromFile = await collect(file);
    const pasted = await collect({ kind: 'text', name: 'pasted page', text: fs.readFileSync(file, 'utf8') });
    expect(pasted.records.map((record) => record.title)).toEqual(fromFile.records.map((record) => record.title));
    expect(pasted.problems.every((problem) => problem.source === 'pasted page')).toBe(true);
  });
});
