// Tests of the committed name lists in resources/aspects: they run everywhere (no ../shared needed).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ASPECTS_DIR, loadAspectNameLists } from '../../../src-main/core/aspects/lexicon.ts';
import { GENERIC_METHODS, NEVER_ALONE, WELL_KNOWN_ACRONYMS, WORD_METHOD_NAMES } from '../../../src-main/core/aspects/method-labels.ts';
import { SINGLE_WORD_TASKS } from '../../../src-main/core/aspects/term-lexicon.ts';
import { BUILDING_BLOCK_COLLECTIONS, DATASET_ALIASES } from '../../../src-main/core/aspects/term-folding.ts';

const FILES = ['methods.json', 'tasks.json', 'datasets.json', 'common-words.json', 'task-parents.json', 'display-names.json', 'word-frequencies.json'];

describe('committed resources/aspects', () => {
  it('resolves the default directory to <repo>/resources/aspects', () => {
    expect(DEFAULT_ASPECTS_DIR).toBe(path.resolve(import.meta.dirname, '../../../resources/aspects'));
  });

  it('holds compact lists with provenance, and only name fields (no prose)', () => {
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(DEFAULT_ASPECTS_DIR, file), 'utf8')) as Record<string, unknown>;
    const total = FILES.reduce((sum, file) => sum + fs.statSync(path.join(DEFAULT_ASPECTS_DIR, file)).size, 0);
    expect(total).toBeLessThan(3 * 1024 * 1024);
    const methodKeys = new Set((read('methods.json').methods as object[]).flatMap((method) => Object.keys(method)));
    expect([...methodKeys].sort()).toEqual(['areas', 'collections', 'fullName', 'name', 'numPapers']);
    const datasetKeys = new Set((read('datasets.json').datasets as object[]).flatMap((dataset) => Object.keys(dataset)));
    expect([...datasetKeys].sort()).toEqual(['name', 'variants']);
    expect((read('tasks.json').tasks as unknown[]).every((task) => typeof task === 'string' && task.length < 200)).toBe(true);
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

  it('holds folding lists that only name listed tasks and datasets', async () => {
    const lists = await loadAspectNameLists();
    const tasks = new Set(lists.tasks);
    const parents = Object.entries(lists.taskParents ?? {});
    expect(parents.length).toBeGreaterThan(300);
    for (const [child, above] of parents) {
      expect(tasks.has(child), `task ${child}`).toBe(true);
      for (const parent of above) expect(tasks.has(parent), `parent ${parent} of ${child}`).toBe(true);
    }
    const datasets = new Set(lists.datasets.map((dataset) => dataset.name));
    for (const [name, shown] of Object.entries(lists.datasetDisplay ?? {})) {
      expect(datasets.has(name), `dataset ${name}`).toBe(true);
      expect(shown.toLowerCase()).toBe(name);
    }
  });

  it('names in the hand-kept rule lists exist in the method and task lists', async () => {
    const lists = await loadAspectNameLists();
    const methodNames = new Set(lists.methods.map((method) => method.name));
    for (const name of [...GENERIC_METHODS, ...WELL_KNOWN_ACRONYMS, ...WORD_METHOD_NAMES, ...NEVER_ALONE]) {
      expect(methodNames.has(name), `method ${name}`).toBe(true);
    }
    const tasks = new Set(lists.tasks);
    for (const name of SINGLE_WORD_TASKS) expect(tasks.has(name), `task ${name}`).toBe(true);
    const datasets = new Set(lists.datasets.map((dataset) => dataset.name));
    for (const name of Object.keys(DATASET_ALIASES)) expect(datasets.has(name), `dataset ${name}`).toBe(true);
    const collections = new Set(lists.methods.flatMap((method) => method.collections));
    for (const name of BUILDING_BLOCK_COLLECTIONS) expect(collections.has(name), `collection ${name}`).toBe(true);
  });
});

describe('derived method labels with the committed lists', () => {
  it('applies the ambiguity rules to real Papers-with-Code names', async () => {
    const { loadMethodLexicon, deriveMethodLabels } = await import('../../../src-main/core/aspects/method-labels.ts');
    const lexicon = await loadMethodLexicon();
    const labels = (abstract: string, title = '') => deriveMethodLabels(title, abstract, lexicon);
    // Acronyms that are words (BASE, USE, NODE, LINE) never fire on the words.
    expect(labels('We use a base model and a line search on each node.')).toEqual([]);
    // Generic building blocks are excluded even when named.
    expect(labels('We add dropout, layer normalization and a softmax.')).toEqual([]);
    // Well-known acronyms, plural CamelCase and full names resolve to canonical names.
    expect(labels('We train GANs and variational autoencoders with stochastic gradient descent.')).toEqual(['GAN', 'VAE', 'SGD']);
    expect(labels('A ResNet-50 backbone with a Transformer decoder.', 'Contrastive Learning of Visual Features')).toEqual(
      expect.arrayContaining(['Contrastive Learning', 'ResNet']),
    );
  });
});
