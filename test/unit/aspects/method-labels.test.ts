import { describe, expect, it } from 'vitest';
import type { MethodRecord } from '../../../src-main/core/aspects/lexicon.ts';
import { buildMethodLexicon, deriveMethodLabels } from '../../../src-main/core/aspects/method-labels.ts';

function method(name: string, fullName = name, numPapers = 10): MethodRecord {
  return { name, fullName, areas: ['General'], collections: [], numPapers };
}

// Hand-written stand-ins for Papers-with-Code entries, chosen to exercise each rule.
const methods: MethodRecord[] = [
  method('GAN', 'Generative Adversarial Network', 1000),
  method('GPS', 'Greedy Policy Search'),
  method('BASE', 'Balanced Selection'),
  method('DCNN', 'Diffusion-Convolutional Neural Networks'),
  method('BERT'),
  method('Retrace'),
  method('Heatmap'),
  method('Dropout', 'Dropout', 9000),
  method('Multi-Head Graph Pooling'),
  method('Gaussian Process'),
  method('WordPiece'),
  method('AE', 'Autoencoders', 100),
  method('AutoEncoder', 'AutoEncoder', 2000),
  method('Graph Convolutional Network'),
];
const common = new Set(['base', 'use', 'we', 'the', 'retrace', 'autoencoder', 'auto', 'encoder']);
const lexicon = buildMethodLexicon(methods, common);
const labels = (abstract: string, title = '') => deriveMethodLabels(title, abstract, lexicon);

describe('deriveMethodLabels: case and acronym rules', () => {
  it('requires exact case for acronyms', () => {
    expect(labels('We fine-tune BERT.')).toEqual(['BERT']);
    expect(labels('We fine-tune bert.')).toEqual([]);
  });

  it('accepts well-known short acronyms alone but other short acronyms only with their long name', () => {
    expect(labels('We train a GAN on faces.')).toEqual(['GAN']);
    expect(labels('Robots navigate with GPS signals.')).toEqual([]);
    expect(labels('Greedy Policy Search (GPS) augments data; GPS is fast.')).toEqual(['GPS']);
  });

  it('never reads a common word as an acronym, and needs the long name for word-like acronyms', () => {
    expect(labels('Our base model is small.')).toEqual([]);
    expect(labels('BASE improves the results.')).toEqual([]);
    expect(labels('We propose Balanced Selection (BASE). BASE is simple.')).toEqual(['BASE']);
  });

  it('rejects an acronym the text defines as something else', () => {
    expect(labels('A deep convolutional neural network (DCNN) classifies images.')).toEqual([]);
    expect(labels('DCNN models are strong.')).toEqual(['DCNN']);
    expect(labels('Diffusion-convolutional neural networks (DCNNs) learn on graphs.')).toEqual(['DCNN']);
  });
});

describe('deriveMethodLabels: word-like names, generic methods, variants', () => {
  it('accepts a word-like name only capitalised in mid-sentence of ordinary text', () => {
    expect(labels('We compare against Retrace on Atari.')).toEqual(['Retrace']);
    expect(labels('Retrace is compared on Atari.')).toEqual([]);
    expect(labels('We retrace the steps of the proof.')).toEqual([]);
    expect(labels('', 'Safe and Efficient Off-Policy Learning With Retrace')).toEqual([]);
  });

  it('never labels names listed as never counting alone, nor generic building blocks', () => {
    expect(labels('We plot a Heatmap of attention.')).toEqual([]);
    expect(labels('We apply dropout to every layer.')).toEqual([]);
    expect(lexicon.excluded.has('Dropout')).toBe(true);
  });

  it('matches plurals, hyphen and closed-up variants and any case for phrases and CamelCase', () => {
    expect(labels('We use multihead graph pooling.')).toEqual(['Multi-Head Graph Pooling']);
    expect(labels('We use Multi Head Graph Pooling.')).toEqual(['Multi-Head Graph Pooling']);
    expect(labels('sparse gaussian processes scale well')).toEqual(['Gaussian Process']);
    expect(labels('a wordpiece vocabulary')).toEqual(['WordPiece']);
  });

  it('prefers the method whose name a shared spelling is, and reports each method once in order', () => {
    expect(labels('Autoencoders compress. A GAN and autoencoders and a GAN.')).toEqual(['AutoEncoder', 'GAN']);
    expect(labels('A graph convolutional network (GCN) beats a GAN.', 'BERT for graphs')).toEqual([
      'BERT',
      'Graph Convolutional Network',
      'GAN',
    ]);
  });

  it('returns nothing for empty text', () => {
    expect(labels('', '')).toEqual([]);
  });
});
