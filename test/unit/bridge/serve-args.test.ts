import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../src-main/core/data-dir.ts';
import { parseServeArgs } from '../../../src-main/node/serve.ts';

describe('serve command line', () => {
  it('defaults to the shared per-user data folder and any free port', () => {
    expect(parseServeArgs([])).toEqual({ dataDir: defaultDataDir(), port: 0, modelDir: undefined, folders: [] });
  });

  it('reads --data-dir, --port and --model-dir', () => {
    expect(parseServeArgs(['--data-dir', 'lib', '--port', '8123', '--model-dir=/m'])).toEqual({
      dataDir: path.resolve('lib'),
      port: 8123,
      modelDir: '/m',
      folders: [],
    });
    expect(parseServeArgs(['--help'])).toBe('help');
  });

  it('reads each --folder the page may import from, resolved and without repeats', () => {
    expect((parseServeArgs(['--folder', 'papers', '--folder=/z/Zotero', '--folder', 'papers']) as { folders: string[] }).folders).toEqual([path.resolve('papers'), '/z/Zotero']);
  });

  it('refuses bad ports and unknown options with a message naming them', () => {
    expect(() => parseServeArgs(['--port', 'abc'])).toThrow('--port must be a whole number from 0 to 65535, got "abc"');
    expect(() => parseServeArgs(['--port', '70000'])).toThrow('got "70000"');
    expect(() => parseServeArgs(['--bogus'])).toThrow(/bogus/);
  });
});
