import { describe, expect, it } from 'vitest';
import { NeighbourExplainer } from '../../../src-main/core/aspects/neighbour-reason.ts';
import { aspectEvidence, evidenceWords, idfFrom, loadWordFrequencies, strongestSharedWords } from '../../../src-main/core/aspects/shared-words.ts';
import { TermFolding } from '../../../src-main/core/aspects/term-folding.ts';

const idf = (weights: Record<string, number>) => (token: string) => weights[token] ?? 1;

describe('evidenceWords', () => {
  it('keeps content words in lower case, folds plurals, drops stop words and boilerplate', () => {
    expect(evidenceWords('We propose Matryoshka embeddings for the retrieval of queries.')).toEqual(['matryoshka', 'embedding', 'retrieval', 'query']);
    expect(evidenceWords('state-of-the-art results on benchmarks')).toEqual([]);
    expect(evidenceWords('Gaussian processes and matrices')).toEqual(['gaussian', 'processes', 'matrices']);
    // Adverbs and generic verbs of abstracts say how, not what: "consistently", "employ".
    expect(evidenceWords('We consistently employ an anomaly detector.')).toEqual(['anomaly', 'detector']);
  });
});

describe('aspectEvidence', () => {
  const title = 'Sparse Retrieval';
  const abstract = 'Search engines matter. We propose a learned term weighting network. Experiments on MS MARCO show gains.';
  it('takes the sentences that speak to the aspect, with the title', () => {
    expect(aspectEvidence(title, abstract, 'method')).toEqual(['sparse', 'retrieval', 'learned', 'term', 'weighting', 'network']);
    expect(aspectEvidence(title, abstract, 'dataset')).toEqual(['sparse', 'retrieval', 'marco']);
    expect(aspectEvidence(title, abstract, 'task')).toEqual(['sparse', 'retrieval', 'search', 'engine', 'matter']);
  });

  it('falls back to the whole abstract when no sentence has a cue', () => {
    expect(aspectEvidence('T', 'Colour spaces matter.', 'dataset')).toEqual(['colour', 'space', 'matter']);
  });
});

describe('strongestSharedWords', () => {
  it('returns words in both lists, most informative first, each once, at most n', () => {
    const a = ['contrastive', 'image', 'augmentation', 'image', 'negative'];
    const b = ['negative', 'image', 'contrastive', 'augmentation', 'other'];
    expect(strongestSharedWords(a, b, idf({ contrastive: 5, augmentation: 3, negative: 4, image: 0.5 }), 3)).toEqual(['contrastive', 'negative', 'augmentation']);
    expect(strongestSharedWords(a, b, idf({}), 2)).toEqual(['contrastive', 'image']);
    expect(strongestSharedWords(a, ['unrelated'], idf({}), 3)).toEqual([]);
  });

  it('never names words of weight zero, and one form per word family', () => {
    expect(strongestSharedWords(['network', 'matrices', 'matrix'], ['network', 'matrix', 'matrices'], idf({ network: 0, matrices: 2, matrix: 3 }), 3)).toEqual(['matrix']);
  });
});

describe('idfFrom and the committed word frequencies', () => {
  it('weighs rare words above common ones and gives the commonest nothing', async () => {
    const weight = idfFrom(await loadWordFrequencies());
    expect(weight('matryoshka')).toBeGreaterThan(weight('retrieval'));
    expect(weight('retrieval')).toBeGreaterThan(weight('embedding'));
    expect(weight('network')).toBe(0);
  });

  it('fails naming the file when it is missing', async () => {
    await expect(loadWordFrequencies('/nonexistent-facet-dir')).rejects.toThrow(/\/nonexistent-facet-dir\/word-frequencies\.json/);
  });
});

describe('NeighbourExplainer', () => {
  const folding = TermFolding.build({ tasks: ['Image Segmentation', 'Medical Image Segmentation'], datasets: [{ name: 'ImageNet' }], methods: [{ name: 'SimCLR' }] });
  const explainer = new NeighbourExplainer(folding, idf({ lesion: 6, ultrasound: 5 }));
  const none = { task: [], method: [], dataset: [] };

  it('names shared and related terms first', () => {
    const own = { terms: { task: ['Medical Image Segmentation'], method: ['SimCLR'], dataset: ['ImageNet-1k'] } };
    const other = { terms: { task: ['Image Segmentation'], method: ['simclr'], dataset: ['ILSVRC 2012'] } };
    expect(explainer.explain(own, other, 'dataset')).toMatchObject({ sharedTerms: ['ImageNet'], reason: 'shared dataset: ImageNet', sharedWords: [] });
    expect(explainer.explain(own, other, 'task')).toMatchObject({ sharedTerms: ['Image Segmentation'], reason: 'related task: Medical Image Segmentation (a kind of Image Segmentation)' });
  });

  it('falls back to shared words of the aspect, or words the caller supplies', () => {
    const own = { terms: none, title: 'Lesion detection', abstract: 'We propose an ultrasound lesion model.' };
    const other = { terms: none, title: 'Ultrasound lesion atlas', abstract: 'A new method for lesion marking.' };
    expect(explainer.explain(own, other, 'method').reason).toBe('shared method words: lesion, ultrasound');
    expect(explainer.explain(own, other, 'method', ['from', 'an', 'index']).reason).toBe('shared method words: from, an, index');
    expect(explainer.explain(own, { terms: none, title: 'Other', abstract: 'Nothing alike.' }, 'method').reason).toBe('no method terms or words in common');
  });

  it('explains against several liked papers: terms from all, words from the nearest', () => {
    const own = { terms: { task: [], method: ['SimCLR'], dataset: [] }, title: 'Lesion work', abstract: '' };
    const liked = [{ terms: none, title: 'Lesion study', abstract: '' }, { terms: { task: [], method: ['SimCLR'], dataset: [] } }];
    expect(explainer.explainAgainst(own, liked, 'method').reason).toBe('shared method: SimCLR');
    expect(explainer.explainAgainst({ ...own, terms: none }, liked, 'method').reason).toBe('shared method words: lesion');
  });
});
