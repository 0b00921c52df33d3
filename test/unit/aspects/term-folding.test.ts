import { describe, expect, it } from 'vitest';
import { AspectTagger } from '../../../src-main/core/aspects/tagger.ts';
import { TermFolding, foldKey, titleCase } from '../../../src-main/core/aspects/term-folding.ts';

describe('foldKey', () => {
  it('ignores case, accents, punctuation, spacing and a trailing acronym', () => {
    expect(foldKey('CIFAR-10')).toBe(foldKey('cifar 10'));
    expect(foldKey('CIFAR10')).toBe(foldKey('CIFAR-10'));
    expect(foldKey('Named Entity Recognition (NER)')).toBe(foldKey('named entity recognition'));
    expect(foldKey('Café')).toBe(foldKey('cafe'));
  });

  it('keeps numbers and settings that make another name', () => {
    expect(foldKey('CIFAR-10')).not.toBe(foldKey('CIFAR-100'));
    expect(foldKey('Reinforcement Learning (Atari Games)')).not.toBe(foldKey('Reinforcement Learning'));
  });
});

describe('titleCase', () => {
  it('capitalises plain words, keeps minor words, acronyms and identifiers', () => {
    expect(titleCase('class-incremental learning')).toBe('Class-Incremental Learning');
    expect(titleCase('learning with noisy labels')).toBe('Learning with Noisy Labels');
    expect(titleCase('3d scene graph generation')).toBe('3D Scene Graph Generation');
    expect(titleCase('Semantic Textual Similarity')).toBe('Semantic Textual Similarity');
    expect(titleCase('node2vec')).toBe('node2vec');
    expect(titleCase('image-to-image translation')).toBe('Image-to-Image Translation');
    expect(titleCase('Table-to-Text Generation')).toBe('Table-to-Text Generation');
  });
});

describe('TermFolding.build', () => {
  const folding = TermFolding.build({
    tasks: ['Reinforcement Learning', 'Reinforcement Learning (RL)', 'Reinforcement Learning (Atari Games)', 'semantic textual similarity', 'Image Segmentation', 'Medical Image Segmentation', 'Segmentation'],
    datasets: [{ name: 'ImageNet' }, { name: 'imagenet-1k' }, { name: 'gtzan' }],
    methods: [{ name: 'Channel attention' }, { name: 'node2vec' }],
    datasetDisplay: { gtzan: 'GTZAN' },
  });

  it('folds the ImageNet family into one name', () => {
    for (const alias of ['imagenet-1k', 'ImageNet-1K', 'ImageNet-1k', 'ILSVRC 2012', 'ILSVRC-2012', 'imagenet']) expect(folding.canonical('dataset', alias)).toBe('ImageNet');
    expect(folding.key('dataset', 'ILSVRC2012')).toBe(folding.key('dataset', 'ImageNet'));
  });

  it('shows one spelling per term: Title Case tasks and methods, capitalised datasets', () => {
    expect(folding.canonical('task', 'semantic textual similarity')).toBe('Semantic Textual Similarity');
    expect(folding.canonical('task', 'reinforcement learning')).toBe('Reinforcement Learning (RL)');
    expect(folding.canonical('task', 'Reinforcement Learning (Atari Games)')).toBe('Reinforcement Learning (Atari Games)');
    expect(folding.canonical('dataset', 'gtzan')).toBe('GTZAN');
    expect(folding.canonical('method', 'channel attention')).toBe('Channel Attention');
    expect(folding.canonical('method', 'node2vec')).toBe('node2vec');
    // Unknown names keep their spelling, tasks get Title Case.
    expect(folding.canonical('dataset', 'MyData')).toBe('MyData');
    expect(folding.canonical('task', 'widget counting')).toBe('Widget Counting');
  });

  it('finds a parent by the name it ends with, but not a field-wide one', () => {
    expect(folding.ancestors('medical image segmentation')).toEqual(['Image Segmentation']);
    expect(folding.ancestors('Image Segmentation')).toEqual([]);
  });

  it('follows taxonomy parents up to two levels, without cycles', () => {
    const chain = TermFolding.build({
      tasks: ['A Task', 'B Task', 'C Task', 'D Task'],
      datasets: [],
      methods: [],
      taskParents: { 'A Task': ['B Task'], 'B Task': ['C Task'], 'C Task': ['D Task', 'A Task'] },
    });
    expect(chain.ancestors('A Task')).toEqual(['B Task', 'C Task']);
    expect(chain.relatedTasks(['A Task'], ['C Task'])).toEqual([{ own: 'A Task', other: 'C Task', parent: 'C Task' }]);
    expect(chain.relatedTasks(['A Task'], ['D Task'])).toEqual([]);
  });

  it('keeps only the closest relation per task', () => {
    const tree = TermFolding.build({
      tasks: ['Image Segmentation', 'Medical Image Segmentation', 'Brain Tumor Segmentation'],
      datasets: [],
      methods: [],
      taskParents: { 'Brain Tumor Segmentation': ['Medical Image Segmentation'] },
    });
    expect(tree.relatedTasks(['Brain Tumor Segmentation'], ['Image Segmentation', 'Medical Image Segmentation'])).toEqual([
      { own: 'Brain Tumor Segmentation', other: 'Medical Image Segmentation', parent: 'Medical Image Segmentation' },
    ]);
  });
});

describe('method families', () => {
  const folding = TermFolding.build({
    tasks: [],
    datasets: [],
    methods: [
      { name: 'BERT', collections: ['Autoencoding Transformers', 'Transformers', 'Language Models'] },
      { name: 'RoBERTa', collections: ['Autoencoding Transformers', 'Transformers'] },
      { name: 'GPT', collections: ['Autoregressive Transformers', 'Transformers'] },
      { name: 'GPT-2', collections: ['Autoregressive Transformers', 'Transformers'] },
      { name: 'InfoNCE', collections: ['Loss Functions'] },
      { name: 'Triplet Loss', collections: ['Loss Functions'] },
    ],
  });

  it('relates methods through their most specific shared family', () => {
    expect(folding.relatedMethods(['BERT'], ['roberta', 'GPT'])).toEqual([{ own: 'BERT', other: 'RoBERTa', parent: 'Autoencoding Transformers' }]);
    expect(folding.relatedMethods(['BERT'], ['GPT'])).toEqual([{ own: 'BERT', other: 'GPT', parent: 'Transformers' }]);
  });

  it('does not relate methods both papers have, nor through building-block collections', () => {
    expect(folding.relatedMethods(['BERT', 'RoBERTa'], ['RoBERTa'])).toEqual([]);
    expect(folding.relatedMethods(['InfoNCE'], ['Triplet Loss'])).toEqual([]);
  });
});

describe('the committed lists', () => {
  it('tag ImageNet aliases as ImageNet and relate medical to general segmentation', async () => {
    const tagger = await AspectTagger.load();
    expect(tagger.tag('', 'We pre-train on ImageNet-1K.').dataset).toEqual(['ImageNet']);
    expect(tagger.tag('', 'Models trained on ILSVRC 2012 images.').dataset).toEqual(['ImageNet']);
    expect(tagger.tag('', 'Top-1 accuracy on imagenet-1k.').dataset).toEqual(['ImageNet']);
    expect(tagger.tag('', 'BLEU on WMT14 and on WMT\'14 again.').dataset).toEqual(['WMT 2014']);
    const related = tagger.folding.relatedTasks(tagger.tag('Medical image segmentation with transformers', '').task, tagger.tag('A survey of image segmentation', '').task);
    expect(related).toEqual([{ own: 'Medical Image Segmentation', other: 'Image Segmentation', parent: 'Image Segmentation' }]);
    expect(tagger.folding.ancestors('Brain Tumor Segmentation')).toContain('Medical Image Segmentation');
    expect(tagger.folding.relatedMethods(['BERT'], ['RoBERTa'])).toEqual([{ own: 'BERT', other: 'RoBERTa', parent: 'Autoencoding Transformers' }]);
  });

  it('show every tag in one spelling convention', async () => {
    const tagger = await AspectTagger.load();
    const terms = tagger.tag('Semantic textual similarity with sentence embeddings', 'We evaluate on imagenet-1k and learning with noisy labels.');
    expect(terms.task).toEqual(expect.arrayContaining(['Semantic Textual Similarity', 'Learning with Noisy Labels']));
    const minor = new Set(['with', 'from', 'into', 'over', 'using', 'without']);
    for (const task of terms.task) {
      const lowerWords = (task.match(/[\p{L}]+/gu) ?? []).filter((word) => /^\p{Ll}{4,}$/u.test(word) && !minor.has(word));
      expect(lowerWords, task).toEqual([]);
    }
  });
});
