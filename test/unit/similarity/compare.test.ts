import { describe, expect, it } from 'vitest';
import { NeighbourExplainer } from '../../../src-main/core/aspects/neighbour-reason.ts';
import { TermFolding } from '../../../src-main/core/aspects/term-folding.ts';
import { compareUnder, differenceSentence, termDifference } from '../../../src-main/core/similarity/compare.ts';
import { fuse } from '../../../src-main/core/similarity/hybrid-similar.ts';

const folding = TermFolding.plain();
const explainer = new NeighbourExplainer(folding, () => 1);

const a = {
  title: 'Contrastive pre-training for speech recognition',
  abstract: 'We propose a contrastive loss for speech recognition on LibriSpeech.',
  terms: { task: ['Speech Recognition'], method: ['Contrastive Learning', 'Transformer'], dataset: ['LibriSpeech'] },
};
const b = {
  title: 'Contrastive learning of image features',
  abstract: 'A contrastive method for image classification on ImageNet.',
  terms: { task: ['Image Classification'], method: ['contrastive learning'], dataset: ['ImageNet'] },
};

describe('termDifference', () => {
  it('splits one aspect into shared terms and each paper\'s own, folding case and repeats', () => {
    expect(termDifference(a.terms, b.terms, 'method', folding)).toEqual({ shared: ['Contrastive Learning'], onlyOwn: ['Transformer'], onlyOther: [] });
    expect(termDifference(a.terms, b.terms, 'task', folding)).toEqual({ shared: [], onlyOwn: ['Speech Recognition'], onlyOther: ['Image Classification'] });
    const repeated = { task: ['GAN', 'gan'], method: [], dataset: [] };
    expect(termDifference(repeated, repeated, 'task', folding)).toEqual({ shared: ['GAN'], onlyOwn: [], onlyOther: [] });
    expect(termDifference(a.terms, b.terms, 'generic', folding)).toEqual({ shared: [], onlyOwn: [], onlyOther: [] });
  });
});

describe('differenceSentence', () => {
  it('names the other paper\'s terms, the open paper\'s, and any shared after all', () => {
    expect(differenceSentence('task', { shared: [], onlyOwn: ['Speech Recognition'], onlyOther: ['Image Classification'] })).toBe(
      'other task: Image Classification (this paper: Speech Recognition)',
    );
    expect(differenceSentence('task', { shared: ['Self-Supervised Learning'], onlyOwn: [], onlyOther: ['Object Detection'] })).toBe(
      'other task: Object Detection; also shares task: Self-Supervised Learning',
    );
    expect(differenceSentence('method', { shared: [], onlyOwn: ['Transformer'], onlyOther: [] })).toBe('no other method named (this paper: Transformer)');
    expect(differenceSentence('dataset', { shared: [], onlyOwn: [], onlyOther: [] })).toBe('no dataset named in either paper');
  });
});

describe('compareUnder', () => {
  it('fuses the two cosines with the aspect weight and lists the terms side by side', () => {
    const row = compareUnder(a, b, 'method', { lexical: 0.3, dense: 0.6 }, 0.7, explainer);
    expect(row.aspect).toBe('method');
    expect(row.similarity).toBeCloseTo(fuse(0.7, 0.3, 0.6), 9);
    expect(row.terms).toEqual({ shared: ['Contrastive Learning'], onlyA: ['Transformer'], onlyB: [] });
    expect(row.reason).toBe('shared method: Contrastive Learning');
    expect(row.sharedWords).toEqual([]);
  });

  it('falls back to shared words where no term is shared, and to the lexical part without vectors', () => {
    const row = compareUnder(a, b, 'dataset', { lexical: 0.3, dense: null }, 0.7, explainer);
    expect(row.terms).toEqual({ shared: [], onlyA: ['LibriSpeech'], onlyB: ['ImageNet'] });
    expect(row.similarity).toBeCloseTo(0.21, 9);
    expect(row.dense).toBe(0);
    expect(row.sharedWords.length).toBeGreaterThan(0);
    expect(row.reason).toMatch(/^shared dataset words: /);
    const generic = compareUnder(a, b, 'generic', { lexical: 0.3, dense: 0.5 }, 0.2, explainer);
    expect(generic.terms).toEqual({ shared: [], onlyA: [], onlyB: [] });
  });
});
