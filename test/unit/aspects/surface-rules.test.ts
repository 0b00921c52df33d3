import { describe, expect, it } from 'vitest';
import { classifySurface, surfaceVariants, tokenCaseOf, tokenCasesOf } from '../../../src-main/core/aspects/surface-rules.ts';

const common = new Set(['base', 'use', 'record', 'complex', 'auto', 'encoder', 'autoencoder', 'hyper', 'network']);

describe('tokenCaseOf', () => {
  it('keeps acronyms exact and lets plain words, numbers and long CamelCase match in any case', () => {
    expect(tokenCaseOf('BERT')).toBe('exact');
    expect(tokenCaseOf('mT5')).toBe('exact');
    expect(tokenCaseOf('T5')).toBe('exact');
    expect(tokenCaseOf('U')).toBe('exact');
    expect(tokenCaseOf('Network')).toBe('any');
    expect(tokenCaseOf('dropout')).toBe('any');
    expect(tokenCaseOf('1x1')).toBe('any');
    expect(tokenCaseOf('Set5')).toBe('any');
    expect(tokenCaseOf('ResNet')).toBe('any');
    expect(tokenCaseOf('Pix2Pix')).toBe('any');
    expect(tokenCaseOf('R2D2')).toBe('exact');
    expect(tokenCaseOf('MoCo')).toBe('exact');
  });

  it('keeps CamelCase coinages exact when their lower-case form is a common word, but not compounds', () => {
    expect(tokenCaseOf('ReCoRD', common)).toBe('exact');
    expect(tokenCaseOf('ComplEx', common)).toBe('exact');
    expect(tokenCaseOf('AutoEncoder', common)).toBe('any');
    expect(tokenCaseOf('HyperNetwork', common)).toBe('any');
  });

  it('decides per token', () => {
    expect(tokenCasesOf('U-Net')).toEqual(['exact', 'any']);
    expect(tokenCasesOf('GPT-2')).toEqual(['exact', 'any']);
  });
});

describe('classifySurface', () => {
  it('flags short acronyms and acronyms that are common words; phrases are plain', () => {
    expect(classifySurface('SSD', common)).toBe('short-acronym');
    expect(classifySurface('BASE', common)).toBe('word-acronym');
    expect(classifySurface('BERT', common)).toBe('plain');
    expect(classifySurface('Balanced Selection', common)).toBe('plain');
    expect(classifySurface('Transformer', common)).toBe('plain');
  });
});

describe('surfaceVariants', () => {
  it('adds closed-up hyphen forms and drops a trailing parenthetical', () => {
    expect(surfaceVariants('Multi-Head Attention')).toContain('MultiHead Attention');
    expect(surfaceVariants('Harris Hawks optimization (HHO)')).toContain('Harris Hawks optimization');
    expect(surfaceVariants('CIFAR-10')).toContain('CIFAR10');
    expect(surfaceVariants('Q-Learning')).toEqual(['Q-Learning']);
  });
});
