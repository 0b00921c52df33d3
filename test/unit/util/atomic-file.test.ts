import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJsonOrNull, writeJsonAtomic, writeTextAtomic } from '../../../src-main/core/util/atomic-file.ts';

describe('atomic file writes', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-atomic-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('replaces a file whole, creating its folder, and leaves no temporary file', () => {
    const file = path.join(dir, 'nested', 'state.json');
    writeJsonAtomic(file, { a: 1 });
    writeJsonAtomic(file, { a: 2, b: ['x'] });
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":2,"b":["x"]}');
    expect(readJsonOrNull(file)).toEqual({ a: 2, b: ['x'] });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['state.json']);
  });

  it('writes indented JSON with a final newline for files people edit', () => {
    const file = path.join(dir, 'settings.json');
    writeJsonAtomic(file, { dataDir: null }, { pretty: true });
    expect(fs.readFileSync(file, 'utf8')).toBe('{\n  "dataDir": null\n}\n');
  });

  it('keeps the old file and removes its temporary file when the rename fails', () => {
    const target = path.join(dir, 'export.bib');
    fs.mkdirSync(target);
    expect(() => writeTextAtomic(target, '@misc{a}')).toThrow();
    expect(fs.statSync(target).isDirectory()).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['export.bib']);
  });

  it('reads a missing file as null and names a file that is not JSON', () => {
    expect(readJsonOrNull(path.join(dir, 'none.json'))).toBeNull();
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{');
    expect(() => readJsonOrNull(broken)).toThrow(/broken\.json is not valid JSON/);
  });
});
