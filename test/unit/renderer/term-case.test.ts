/** Aspect terms read in one casing: plain capitalised words lowered, acronyms and inner capitals kept. */
import { describe, expect, it } from 'vitest';
import { displayTerm, displayTerms } from '../../../src-renderer/src/lib/term-case.ts';

describe('aspect term display casing', () => {
  it('lowers title-cased words and leaves lower-case terms as they are', () => {
    expect(displayTerm('Semantic Textual Similarity')).toBe('semantic textual similarity');
    expect(displayTerm('Question-Answering')).toBe('question-answering');
    expect(displayTerm('imagenet-1k')).toBe('imagenet-1k');
  });

  it('keeps acronyms, inner capitals and digits', () => {
    expect(displayTerm('BERT')).toBe('BERT');
    expect(displayTerm('ImageNet')).toBe('ImageNet');
    expect(displayTerm('SimCLR')).toBe('SimCLR');
    expect(displayTerm('GPT-4')).toBe('GPT-4');
    expect(displayTerm('MS COCO')).toBe('MS COCO');
    expect(displayTerm('Contrastive Learning with SimCLR')).toBe('contrastive learning with SimCLR');
  });

  it('shows two spellings that differ only in case once', () => {
    expect(displayTerms(['Semantic Textual Similarity', 'semantic textual similarity', 'imagenet-1k', 'BERT'])).toEqual(['semantic textual similarity', 'imagenet-1k', 'BERT']);
  });
});
