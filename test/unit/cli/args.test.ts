import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError, USAGE } from '../../../src-main/node/cli/args.ts';

describe('parseCommand', () => {
  it('parses each command with its options and defaults', () => {
    expect(parseCommand(['import', 'a.bib', 'b.txt', '--data-dir', '/tmp/x'])).toEqual({
      name: 'import',
      files: ['a.bib', 'b.txt'],
      dataDir: '/tmp/x',
      modelDir: undefined,
      json: false,
    });
    expect(parseCommand(['search', 'contrastive learning', '--mode', 'keyword', '--k', '5', '--json'])).toMatchObject({
      name: 'search',
      query: 'contrastive learning',
      mode: 'keyword',
      k: 5,
      json: true,
      dataDir: undefined,
    });
    expect(parseCommand(['search', 'x'])).toMatchObject({ mode: 'hybrid', k: 10 });
    expect(parseCommand(['similar', 'abc123', '--aspect', 'method', '--k=3'])).toMatchObject({ name: 'similar', id: 'abc123', aspect: 'method', k: 3 });
    expect(parseCommand(['similar', 'abc123', '--aspect', 'method'])).toMatchObject({ unlike: null, k: 10 });
    expect(parseCommand(['similar', 'abc123', '--aspect', 'method', '--unlike', 'task', '--json'])).toMatchObject({ name: 'similar', aspect: 'method', unlike: 'task', json: true });
    expect(parseCommand(['compare', 'a1', 'b2', '--json'])).toMatchObject({ name: 'compare', a: 'a1', b: 'b2', json: true });
    expect(parseCommand(['stats', '--json'])).toMatchObject({ name: 'stats', json: true });
    expect(parseCommand(['embed', '--in', 'p.jsonl', '--out', '-', '--model-dir', 'm'])).toMatchObject({ name: 'embed', input: 'p.jsonl', output: '-', modelDir: 'm', batchSize: 64 });
  });

  it('gives help for no arguments, --help, help <command> and <command> --help', () => {
    expect(parseCommand([])).toEqual({ name: 'help', topic: null });
    expect(parseCommand(['--help'])).toEqual({ name: 'help', topic: null });
    expect(parseCommand(['help', 'search'])).toEqual({ name: 'help', topic: 'search' });
    expect(parseCommand(['similar', '-h'])).toEqual({ name: 'help', topic: 'similar' });
    expect(USAGE.main).toContain('facet <command>');
  });

  it.each([
    [['frobnicate'], /unknown command "frobnicate"/],
    [['stats', '--colour'], /facet stats: .*--colour/],
    [['import'], /name at least one file/],
    [['search'], /takes one query/],
    [['search', 'a', 'b'], /takes one query/],
    [['search', 'x', '--mode', 'fuzzy'], /--mode must be one of keyword, semantic, hybrid/],
    [['search', 'x', '--k', '0'], /--k must be a whole number from 1 to 200/],
    [['search', 'x', '--k', 'ten'], /--k must be a whole number/],
    [['similar', 'id'], /--aspect is required/],
    [['similar', 'id', '--aspect', 'colour'], /--aspect must be one of generic, task, method, dataset/],
    [['similar', 'id', '--aspect', 'task', '--k', '1001'], /from 1 to 1000/],
    [['similar', 'id', '--aspect', 'task', '--unlike', 'colour'], /--unlike must be one of generic, task, method, dataset/],
    [['similar', 'id', '--aspect', 'task', '--unlike', 'task'], /--unlike must differ from --aspect/],
    [['similar', 'id', '--aspect', 'task', '--unlike', 'method', '--k', '201'], /from 1 to 200/],
    [['similar', '--batch', 'q.jsonl', '--unlike', 'task'], /--unlike is not available in batches/],
    [['compare', 'a'], /takes two paper ids/],
    [['embed', '--in', 'x.jsonl'], /both --in and --out are required/],
    [['stats', 'extra'], /takes no arguments/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});
