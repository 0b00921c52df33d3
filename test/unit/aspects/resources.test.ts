// Tests of the committed name lists in resources/aspects: they run everywhere (no ../shared needed).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASPECTS_DIR, loadAspectNameLists } from '../../../src-main/core/aspects/lexicon.ts';
import { GENERIC_METHODS, NEVER_ALONE, WELL_KNOWN_ACRONYMS, WORD_METHOD_NAMES } from '../../../src-main/core/aspects/method-labels.ts';
import { SINGLE_WORD_TASKS } from '../../../src-main/core/aspects/term-lexicon.ts';

const FILES = ['methods.json', 'tasks.json', 'datasets.json', 'common-words.json'];

describe('committed resources/aspects', () => {
  it('resolves the default directory to <repo>/resources/aspects', () => {
    expect(DEFAULT_ASPECTS_DIR).toBe(path.resolve(import.meta.dirname, '../../../resources/aspects'));
  });

  it('holds compact lists with provenance, and no prose fields', () => {
    let total = 0;
    for (const file of FILES) {
      const text = fs.readFileSync(path.join(DEFAULT_ASPECTS_DIR, file), 'utf8');
      total += text.length;
      expect(text).not.toMatch(/"(description|abstract|contents|code_snippet_url)"/);
    }
    expect(total).toBeLessThan(3 * 1024 * 1024);
    expect(fs.readFileSync(path.join(DEFAULT_ASPECTS_DIR, 'SOURCES.md'), 'utf8')).toMatch(/CC BY-SA 4\.0/);
  });

  it('loads and validates every list', async () => {
    const lists = await loadAspectNameLists();
    expect(lists.methods.length).toBeGreaterThan(1500);
    expect(lists.tasks.length).toBeGreaterThan(1000);
    expect(lists.datasets.length).toBeGreaterThan(3000);
    expect(lists.commonWords.size).toBeGreaterThan(1000);
    expect(new Set(lists.methods.map((method) => method.name)).size).toBe(lists.methods.length);
    expect(new Set(lists.datasets.map((dataset) => dataset.name)).size).toBe(lists.datasets.length);
  });

  it('names in the hand-kept rule lists exist in the method and task lists', async () => {
    const lists = await loadAspectNameLists();
    const methodNames = new Set(lists.methods.map((method) => method.name));
    for (const name of [...GENERIC_METHODS, ...WELL_KNOWN_ACRONYMS, ...WORD_METHOD_NAMES, ...NEVER_ALONE]) {
      expect(methodNames.has(name), `method ${name}`).toBe(true);
    }
    const tasks = new Set(lists.tasks);
    for (const name of SINGLE_WORD_TASKS) expect(tasks.has(name), `task ${name}`).toBe(true);
  });
});
