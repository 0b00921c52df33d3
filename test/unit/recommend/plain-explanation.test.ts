/** For you explains itself in plain words: liked papers by title, the topics they share, no scores. */
import { describe, expect, it } from 'vitest';
import { plainExplanation, topicsShared } from '../../../src-main/core/recommend/index.ts';

const terms = (method: string[] = [], task: string[] = [], dataset: string[] = []) => ({ method, task, dataset });

describe('plain-words explanation', () => {
  const own = terms(['contrastive learning', 'InfoNCE'], ['image classification'], ['ImageNet']);
  const simclr = { title: 'A Simple Framework for Contrastive Learning of Visual Representations', terms: terms(['Contrastive Learning'], ['image classification'], []) };
  const moco = { title: 'Momentum Contrast for Unsupervised Visual Representation Learning', terms: terms(['contrastive learning', 'InfoNCE'], [], ['ImageNet']) };
  const bert = { title: 'BERT', terms: terms(['masked language modelling'], [], []) };

  it('says "both about" what the candidate shares with both liked papers', () => {
    expect(plainExplanation(own, [simclr, moco], 'method')).toBe(
      'Because you liked “A Simple Framework for Contrastive Learning of Visual…” and “Momentum Contrast for Unsupervised Visual Representation…” (both about contrastive learning)',
    );
  });

  it('uses every aspect for the overall ranking and names one paper with its topics', () => {
    expect(plainExplanation(own, [moco], 'generic')).toBe('Because you liked “Momentum Contrast for Unsupervised Visual Representation…” (also about contrastive learning, InfoNCE and ImageNet)');
  });

  it('gives each paper its own topics when nothing is common, and counts papers beyond two', () => {
    const sentence = plainExplanation(own, [simclr, bert, moco], 'method');
    expect(sentence).toBe('Because you liked “A Simple Framework for Contrastive Learning of Visual…” (also about contrastive learning), “BERT” and 1 more paper you liked');
  });

  it('never shows a number, a score or a method name', () => {
    for (const aspect of ['generic', 'task', 'method', 'dataset'] as const) {
      const sentence = plainExplanation(own, [simclr, moco, bert], aspect);
      expect(sentence).toMatch(/^Because you liked “/);
      expect(sentence).not.toMatch(/\d\.\d|similarity|score|classifier|centroid/i);
    }
    expect(plainExplanation(own, [], 'generic')).toBe('');
  });

  it('matches topics regardless of case and keeps the candidate’s spelling', () => {
    expect(topicsShared(own, simclr.terms, 'method')).toEqual(['contrastive learning']);
    expect(topicsShared(own, simclr.terms, 'dataset')).toEqual([]);
  });

  it('shortens long titles at a word with an ellipsis, and lowers title-cased topics in the sentence', () => {
    const long = { title: 'A '.repeat(60) + 'very long title', terms: terms() };
    expect(plainExplanation(own, [long], 'generic')).toMatch(/^Because you liked “(A ){20,}A…”$/);
    const llm = { title: 'LLM survey', terms: terms([], ['Large Language Model'], []) };
    expect(plainExplanation(terms([], ['Large Language Model'], []), [llm], 'task')).toBe('Because you liked “LLM survey” (also about large language model)');
  });
});
