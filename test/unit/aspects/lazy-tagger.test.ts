import { describe, expect, it } from 'vitest';
import { AspectTagger } from '../../../src-main/core/aspects/tagger.ts';
import { LazyAspectTagger } from '../../../src-main/core/aspects/lazy-tagger.ts';

const papers = [
  { title: 'Deep Residual Learning for Image Recognition', abstract: 'We train ResNet on ImageNet (ILSVRC 2012) and evaluate object detection on COCO.' },
  { title: 'BERT: Pre-training of Deep Bidirectional Transformers', abstract: 'Question answering on SQuAD and natural language inference on MNLI with a Transformer.' },
  { title: 'Neural machine translation', abstract: "We report BLEU on WMT'14 English-German with an LSTM encoder-decoder and attention." },
];

describe('LazyAspectTagger', () => {
  it('tags exactly as the eagerly built tagger, and folds names the same way before any tagging', async () => {
    const [lazy, eager] = await Promise.all([LazyAspectTagger.load(), AspectTagger.load()]);
    // Folding first (what similar's reasons need), without the matchers.
    for (const name of ['ILSVRC 2012', 'imagenet', "WMT'14", 'question answering']) {
      expect(lazy.folding.canonical('dataset', name)).toBe(eager.folding.canonical('dataset', name));
      expect(lazy.folding.canonical('task', name)).toBe(eager.folding.canonical('task', name));
    }
    for (const paper of papers) expect(lazy.tag(paper.title, paper.abstract)).toEqual(eager.tag(paper.title, paper.abstract));
    expect(lazy.tag(papers[0]!.title, papers[0]!.abstract).dataset.length).toBeGreaterThan(0);
  });

  it('fails at load for a missing name-list folder, naming the file', async () => {
    await expect(LazyAspectTagger.load('/nonexistent/facet-aspects')).rejects.toThrow(/nonexistent\/facet-aspects/);
  });
});
