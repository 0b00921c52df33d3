import { describe, expect, it } from 'vitest';
import type { AspectTerms } from '../../../src-main/common/contract.ts';
import { reasonFor, relatedTerms, sharedTerms, termsInCommon } from '../../../src-main/core/aspects/reason.ts';
import { TermFolding } from '../../../src-main/core/aspects/term-folding.ts';

const a: AspectTerms = { task: ['Image Classification', 'Object Detection'], method: ['Contrastive Learning', 'InfoNCE', 'ResNet'], dataset: ['ImageNet'] };
const b: AspectTerms = { task: ['object detection'], method: ['ResNet', 'contrastive learning', 'InfoNCE'], dataset: ['COCO'] };

const folding = TermFolding.build({
  tasks: ['Image Segmentation', 'Medical Image Segmentation', 'Brain Tumor Segmentation', 'Lesion Segmentation', 'Object Detection', 'semantic textual similarity'],
  datasets: [{ name: 'ImageNet' }, { name: 'imagenet-1k' }, { name: 'COCO' }],
  methods: [{ name: 'Contrastive Learning' }, { name: 'SimCLR' }],
  taskParents: { 'Lesion Segmentation': ['Medical Image Segmentation'] },
});

describe('sharedTerms', () => {
  it('intersects one aspect ignoring case and punctuation, in the first paper order and spelling', () => {
    expect(sharedTerms(a, b, 'method')).toEqual(['Contrastive Learning', 'InfoNCE', 'ResNet']);
    expect(sharedTerms(a, b, 'task')).toEqual(['Object Detection']);
    expect(sharedTerms(a, b, 'dataset')).toEqual([]);
  });

  it('is empty for the generic aspect', () => {
    expect(sharedTerms(a, a, 'generic')).toEqual([]);
  });

  it('folds aliases and reports the one display spelling', () => {
    const one: AspectTerms = { task: [], method: ['contrastive learning'], dataset: ['imagenet-1k'] };
    const two: AspectTerms = { task: [], method: ['Contrastive Learning'], dataset: ['ILSVRC 2012'] };
    expect(sharedTerms(one, two, 'dataset', folding)).toEqual(['ImageNet']);
    expect(sharedTerms(one, two, 'method', folding)).toEqual(['Contrastive Learning']);
    // Without the name lists only spelling folds: the alias stays a different name.
    expect(sharedTerms(one, two, 'dataset')).toEqual([]);
  });
});

describe('relatedTerms', () => {
  it('relates a task to its parent by name and by the taxonomy, and siblings through their parent', () => {
    const medical: AspectTerms = { task: ['Medical Image Segmentation'], method: [], dataset: [] };
    const general: AspectTerms = { task: ['Image Segmentation'], method: [], dataset: [] };
    expect(relatedTerms(medical, general, 'task', folding)).toEqual([{ own: 'Medical Image Segmentation', other: 'Image Segmentation', parent: 'Image Segmentation' }]);
    const brain: AspectTerms = { task: ['Brain Tumor Segmentation'], method: [], dataset: [] };
    const lesion: AspectTerms = { task: ['lesion segmentation'], method: [], dataset: [] };
    // Brain Tumor Segmentation has no listed parent ending its name; Lesion Segmentation has a taxonomy parent.
    expect(relatedTerms(lesion, medical, 'task', folding)).toEqual([{ own: 'Lesion Segmentation', other: 'Medical Image Segmentation', parent: 'Medical Image Segmentation' }]);
    expect(relatedTerms(brain, lesion, 'task', folding)).toEqual([]);
  });

  it('is empty outside the task aspect and for tasks both papers carry', () => {
    const medical: AspectTerms = { task: ['Medical Image Segmentation', 'Image Segmentation'], method: [], dataset: [] };
    const general: AspectTerms = { task: ['Image Segmentation'], method: [], dataset: [] };
    expect(relatedTerms(medical, general, 'task', folding)).toEqual([]);
    expect(relatedTerms(medical, general, 'method', folding)).toEqual([]);
  });

  it('lists the broader task beside the shared ones as a term in common', () => {
    expect(termsInCommon(['Object Detection'], [{ own: 'Medical Image Segmentation', other: 'Image Segmentation', parent: 'Image Segmentation' }])).toEqual([
      'Object Detection',
      'Image Segmentation',
    ]);
  });
});

describe('reasonFor', () => {
  it('names shared terms', () => {
    expect(reasonFor('method', ['Contrastive Learning', 'SimCLR'], [])).toBe('shared method: Contrastive Learning, SimCLR');
  });

  it('caps long lists and counts the rest', () => {
    expect(reasonFor('dataset', ['A', 'B', 'C', 'D', 'E', 'F'], [])).toBe('shared dataset: A, B, C, D and 2 more');
  });

  it('names related tasks in plain words, after shared ones', () => {
    const parentOf = { own: 'Medical Image Segmentation', other: 'Image Segmentation', parent: 'Image Segmentation' };
    expect(reasonFor('task', [], [], [parentOf])).toBe('related task: Medical Image Segmentation (a kind of Image Segmentation)');
    const siblings = { own: 'Brain Tumor Segmentation', other: 'Lesion Segmentation', parent: 'Medical Image Segmentation' };
    expect(reasonFor('task', ['Object Detection'], ['unused'], [siblings])).toBe(
      'shared task: Object Detection; related task: Brain Tumor Segmentation and Lesion Segmentation (both kinds of Medical Image Segmentation)',
    );
    const childOf = { own: 'Image Segmentation', other: 'Medical Image Segmentation', parent: 'Image Segmentation' };
    expect(reasonFor('task', [], [], [childOf, siblings])).toBe(
      'related tasks: Medical Image Segmentation (a kind of Image Segmentation), Brain Tumor Segmentation and Lesion Segmentation (both kinds of Medical Image Segmentation)',
    );
  });

  it('names related methods by their family', () => {
    expect(reasonFor('method', [], ['unused'], [{ own: 'BERT', other: 'RoBERTa', parent: 'Autoencoding Transformers' }])).toBe(
      'related method: BERT and RoBERTa (both Autoencoding Transformers)',
    );
    // A family is not a method: it is named in the sentence, not listed as a term in common.
    expect(termsInCommon([], [{ own: 'BERT', other: 'RoBERTa', parent: 'Autoencoding Transformers' }], 'method')).toEqual([]);
  });

  it('names the shared words where no term is shared, and says plainly when nothing is', () => {
    expect(reasonFor('method', [], ['contrastive', 'augmentation'])).toBe('shared method words: contrastive, augmentation');
    expect(reasonFor('task', [], [])).toBe('no task terms or words in common');
    expect(reasonFor('dataset', [], [])).not.toMatch(/profile/);
  });

  it('describes the generic aspect by its words when given', () => {
    expect(reasonFor('generic', [], [])).toBe('similar overall wording');
    expect(reasonFor('generic', [], ['matryoshka', 'embedding'])).toBe('shared words: matryoshka, embedding');
  });
});
