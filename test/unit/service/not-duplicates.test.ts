/** The "not a duplicate" list on its own: unordered pairs, durable writes, undo, and a broken file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOT_DUPLICATES_FILE, NotDuplicateList } from '../../../src-main/core/service/not-duplicates.ts';

let stateDir: string;

beforeEach(() => {
  stateDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'facet-not-dup-')), 'library-state');
});

afterEach(() => {
  fs.rmSync(path.dirname(stateDir), { recursive: true, force: true });
});

describe('NotDuplicateList', () => {
  it('is empty without a file, and creates the folder on the first decision', () => {
    const list = NotDuplicateList.in(stateDir);
    expect(list.keys().size).toBe(0);
    expect(list.has('a', 'b')).toBe(false);
    expect(list.set('p2', 'p1', true)).toBe(true);
    expect(fs.existsSync(path.join(stateDir, NOT_DUPLICATES_FILE))).toBe(true);
  });

  it('treats a pair as unordered, survives a new instance (a restart), and takes a decision back', () => {
    const first = NotDuplicateList.in(stateDir);
    expect(first.set('p2', 'p1', true)).toBe(true);
    expect(first.set('p1', 'p2', true)).toBe(false);
    expect(first.set('p3', 'p1', true)).toBe(true);

    const restarted = NotDuplicateList.in(stateDir);
    expect(restarted.has('p1', 'p2')).toBe(true);
    expect(restarted.has('p2', 'p1')).toBe(true);
    expect(restarted.has('p2', 'p3')).toBe(false);
    expect(JSON.parse(fs.readFileSync(restarted.file, 'utf8'))).toEqual({ version: 1, pairs: [['p1', 'p2'], ['p1', 'p3']] });

    expect(restarted.set('p2', 'p1', false)).toBe(true);
    expect(restarted.set('p2', 'p1', false)).toBe(false);
    expect(NotDuplicateList.in(stateDir).has('p1', 'p2')).toBe(false);
    expect(NotDuplicateList.in(stateDir).has('p1', 'p3')).toBe(true);
    // Written through a temporary file that is renamed: none is left behind.
    expect(fs.readdirSync(stateDir)).toEqual([NOT_DUPLICATES_FILE]);
  });

  it('refuses a paper paired with itself', () => {
    expect(() => NotDuplicateList.in(stateDir).set('p1', 'p1', true)).toThrow(/cannot be its own duplicate/);
  });

  it('names a broken file instead of forgetting every decision', () => {
    fs.mkdirSync(stateDir, { recursive: true });
    const file = path.join(stateDir, NOT_DUPLICATES_FILE);
    fs.writeFileSync(file, '{"version":1,"pairs":[');
    expect(() => NotDuplicateList.in(stateDir).keys()).toThrow(new RegExp(`${NOT_DUPLICATES_FILE} is not valid JSON`));
    fs.writeFileSync(file, JSON.stringify({ version: 1, pairs: [['p1']] }));
    expect(() => NotDuplicateList.in(stateDir).set('p1', 'p2', true)).toThrow(/entry 0 is not a pair of paper ids/);
    // The broken file is left for the person to see.
    expect(fs.readFileSync(file, 'utf8')).toBe(JSON.stringify({ version: 1, pairs: [['p1']] }));
  });
});
