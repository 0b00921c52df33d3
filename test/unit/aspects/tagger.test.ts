import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AspectNameLists } from '../../../src-main/core/aspects/lexicon.ts';
import { AspectTagger } from '../../../src-main/core/aspects/tagger.ts';
import { datasetBaseName } from '../../../src-main/core/aspects/term-lexicon.ts';

// Small hand-written name lists exercising each term rule.
const lists: AspectNameLists = {
  methods: [
    { name: 'BERT', fullName: 'BERT', areas: [], collections: [], numPapers: 100 },
    { name: 'SGD', fullName: 'Stochastic Gradient Descent', areas: [], collections: [], numPapers: 100 },
  ],
  tasks: [
    'Named Entity Recognition (NER)',
    'Semantic Segmentation',
    'Real-Time Semantic Segmentation',
    'Classification',
    'Summarization',
    'Lemmatization',
    'Deep Learning',
  ],
  datasets: [
    { name: 'COCO', variants: ['MS COCO', 'COCO test-dev'] },
    { name: 'Set5', variants: ['Set5 - 4x upscaling'] },
    { name: 'RACE', variants: [] },
    { name: 'Places', variants: [] },
    { name: 'SGD', variants: [] },
    { name: 'WSD Benchmark', variants: ['Supervised:'] },
    { name: 'CIFAR-10', variants: [] },
  ],
  commonWords: new Set(['race', 'places', 'classification', 'summarization', 'supervised', 'the', 'we']),
};
const tagger = AspectTagger.fromNameLists(lists);

describe('AspectTagger.tag on hand-written lists', () => {
  it('finds tasks, methods and datasets with canonical names in order of first appearance', () => {
    const terms = tagger.tag(
      'BERT for Named Entity Recognition',
      'We fine-tune BERT with stochastic gradient descent on MS COCO and CIFAR10, then on COCO test-dev. NER improves.',
    );
    expect(terms).toEqual({
      task: ['Named Entity Recognition (NER)'],
      method: ['BERT', 'SGD'],
      dataset: ['COCO', 'CIFAR-10'],
    });
  });

  it('prefers the longest task and keeps shorter ones found elsewhere', () => {
    expect(tagger.tag('', 'Real-time semantic segmentation on street scenes.').task).toEqual(['Real-Time Semantic Segmentation']);
    expect(tagger.tag('', 'Real-time semantic segmentation and semantic segmentation.').task).toEqual([
      'Real-Time Semantic Segmentation',
      'Semantic Segmentation',
    ]);
  });

  it('skips generic and common single-word tasks but keeps listed or rare ones', () => {
    expect(tagger.tag('', 'Deep learning for classification and summarization with lemmatization.').task).toEqual([
      'Summarization',
      'Lemmatization',
    ]);
  });

  it('applies dataset word rules: capitalised mid-sentence, not shouted, not a method name', () => {
    expect(tagger.tag('', 'We evaluate on Places and RACE.').dataset).toEqual(['Places', 'RACE']);
    expect(tagger.tag('', 'Places are visited. We race in many places.').dataset).toEqual([]);
    expect(tagger.tag('', 'WE EVALUATE ON RACE TODAY').dataset).toEqual([]);
    expect(tagger.tag('', 'Trained with SGD. Supervised: yes.').dataset).toEqual([]);
    expect(tagger.tag('', 'Results on Set5 at 4x.').dataset).toEqual(['Set5']);
  });

  it('returns empty lists for empty text', () => {
    expect(tagger.tag('', '')).toEqual({ task: [], method: [], dataset: [] });
  });
});

describe('datasetBaseName', () => {
  it('strips benchmark splits and settings from variant names', () => {
    expect(datasetBaseName('Mini-Imagenet 5-way (1-shot)')).toBe('Mini-Imagenet');
    expect(datasetBaseName('COCO test-dev')).toBe('COCO');
    expect(datasetBaseName('Set5 - 4x upscaling')).toBe('Set5');
    expect(datasetBaseName('CIFAR-10, 4000 Labels')).toBe('CIFAR-10');
    expect(datasetBaseName('PASCAL VOC 2012 val')).toBe('PASCAL VOC 2012');
  });
});

describe('AspectTagger.load', () => {
  let dir = '';
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  it('loads the committed name lists by default and tags a realistic digest', async () => {
    const committed = await AspectTagger.load();
    const terms = committed.tag(
      'Contrastive Pre-training for Image Classification',
      'We pre-train a ResNet-50 with contrastive learning on ImageNet and fine-tune it on CIFAR-10. ' +
        'Compared with BERT-style masked modelling, the approach improves image classification and object detection on COCO.',
    );
    expect(terms.task).toEqual(expect.arrayContaining(['Image Classification', 'Object Detection']));
    expect(terms.method).toEqual(expect.arrayContaining(['ResNet', 'Contrastive Learning', 'BERT']));
    expect(terms.dataset).toEqual(expect.arrayContaining(['ImageNet', 'CIFAR-10', 'COCO']));
  });

  it('fails with the path of a missing or malformed list', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-aspects-'));
    // The lists load in parallel, so whichever missing file is read first is the one named.
    const escapedDir = dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await expect(AspectTagger.load(dir)).rejects.toThrow(new RegExp(`${escapedDir}/(methods|common-words|tasks|datasets|task-parents|display-names)\\.json`));
    fs.writeFileSync(path.join(dir, 'methods.json'), JSON.stringify({ source: 'x', methods: [{ name: 'A' }] }));
    fs.writeFileSync(path.join(dir, 'common-words.json'), JSON.stringify({ source: 'x', minCount: 1, words: [] }));
    fs.writeFileSync(path.join(dir, 'tasks.json'), JSON.stringify({ sources: [], tasks: [] }));
    fs.writeFileSync(path.join(dir, 'datasets.json'), '{ not json');
    fs.writeFileSync(path.join(dir, 'task-parents.json'), JSON.stringify({ source: 'x', parents: {} }));
    fs.writeFileSync(path.join(dir, 'display-names.json'), JSON.stringify({ source: 'x', datasets: {} }));
    await expect(AspectTagger.load(dir)).rejects.toThrow(/methods\[0\] is malformed|datasets\.json is not valid JSON/);
  });

  it('loads lists from an override directory', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-aspects-'));
    const write = (name: string, value: unknown) => fs.writeFileSync(path.join(dir, name), JSON.stringify(value));
    write('methods.json', { source: 'test', methods: [{ name: 'Zorblax', fullName: 'Zorblax', areas: [], collections: [], numPapers: 1 }] });
    write('common-words.json', { source: 'test', minCount: 1, words: [] });
    write('tasks.json', { sources: [], tasks: ['Widget Counting'] });
    write('datasets.json', { sources: [], datasets: [{ name: 'WidgetSet', variants: [] }, { name: 'widgetset-2k', variants: [] }] });
    write('task-parents.json', { source: 'test', parents: { 'Widget Counting': ['Widget Analysis'] } });
    write('display-names.json', { source: 'test', datasets: { 'widgetset-2k': 'WidgetSet-2k' } });
    const custom = await AspectTagger.load(dir);
    expect(custom.tag('Zorblax', 'Widget counting on WidgetSet.')).toEqual({ task: ['Widget Counting'], method: ['Zorblax'], dataset: ['WidgetSet'] });
    expect(custom.tag('', 'Results on widgetset-2k.').dataset).toEqual(['WidgetSet-2k']);
    expect(custom.folding.ancestors('widget counting')).toEqual(['Widget Analysis']);
  });
});

describe('task name groups', () => {
  it('reports one canonical name for a task listed with and without its acronym', () => {
    const grouped = AspectTagger.fromNameLists({
      ...lists,
      tasks: ['Reinforcement Learning', 'Reinforcement Learning (RL)', 'Visual Question Answering', 'Visual Question Answering (VQA)', 'VQA'],
    });
    expect(grouped.tag('', 'We study reinforcement learning.').task).toEqual(['Reinforcement Learning (RL)']);
    expect(grouped.tag('', 'A VQA model and visual question answering.').task).toEqual(['Visual Question Answering (VQA)']);
    expect(grouped.tag('', 'The VQA benchmark.').task).toEqual(['Visual Question Answering (VQA)']);
    // Acronyms of two letters are too ambiguous to count alone.
    expect(grouped.tag('', 'An RL agent.').task).toEqual([]);
  });
});

describe('task settings in parentheses', () => {
  it('does not read a plain phrase as a task qualified by a setting', () => {
    const qualified = AspectTagger.fromNameLists({ ...lists, tasks: ['Reading Comprehension (Few-Shot)'] });
    expect(qualified.tag('', 'Reading comprehension of news.').task).toEqual([]);
    expect(qualified.tag('', 'Reading comprehension (few-shot) of news.').task).toEqual(['Reading Comprehension (Few-Shot)']);
  });
});
