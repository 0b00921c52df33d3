import { describe, expect, it } from 'vitest';
import type { AspectTerms } from '../../../src-main/common/contract.ts';
import { reasonFor, sharedTerms } from '../../../src-main/core/aspects/reason.ts';

const a: AspectTerms = { task: ['Image Classification', 'Object Detection'], method: ['Contrastive Learning', 'InfoNCE', 'ResNet'], dataset: ['ImageNet'] };
const b: AspectTerms = { task: ['object detection'], method: ['ResNet', 'contrastive learning', 'InfoNCE'], dataset: ['COCO'] };

describe('sharedTerms', () => {
  it('intersects one aspect ignoring case and punctuation, in the first paper order and spelling', () => {
    expect(sharedTerms(a, b, 'method')).toEqual(['Contrastive Learning', 'InfoNCE', 'ResNet']);
    expect(sharedTerms(a, b, 'task')).toEqual(['Object Detection']);
    expect(sharedTerms(a, b, 'dataset')).toEqual([]);
  });

  it('is empty for the generic aspect', () => {
    expect(sharedTerms(a, a, 'generic')).toEqual([]);
  });
});

describe('reasonFor', () => {
  it('names shared terms', () => {
    expect(reasonFor('method', ['Contrastive Learning', 'InfoNCE'])).toBe('shared method: Contrastive Learning, InfoNCE');
  });

  it('caps long lists and counts the rest', () => {
    expect(reasonFor('dataset', ['A', 'B', 'C', 'D', 'E', 'F'])).toBe('shared dataset: A, B, C, D and 2 more');
  });

  it('says so when nothing is shared, and describes the generic aspect', () => {
    expect(reasonFor('task', [])).toBe('similar task profile, no named task in common');
    expect(reasonFor('generic', [])).toBe('similar overall wording');
  });
});
