import { describe, expect, it } from 'vitest';
import { PhraseMatcher, isCapitalisedText, isShoutedText, prepareSegment, selectLongest, tokenize } from '../../../src-main/core/aspects/matcher.ts';

const surfaces = (text: string) => tokenize(text).map((token) => token.surface);

describe('tokenize', () => {
  it('splits on punctuation and hyphens so hyphenated, spaced and pre-tokenised forms agree', () => {
    expect(surfaces('CIFAR-10')).toEqual(['CIFAR', '10']);
    expect(surfaces('CIFAR - 10')).toEqual(['CIFAR', '10']);
    expect(surfaces('Human3.6M, UNet++ and C#')).toEqual(['Human3', '6M', 'UNet', '+', '+', 'and', 'C', '#']);
  });

  it('keys tokens by lower case without accents and keeps offsets', () => {
    const [token] = tokenize('  Évaluation');
    expect(token).toMatchObject({ surface: 'Évaluation', key: 'evaluation', start: 2, end: 12 });
  });

  it('marks sentence-initial tokens', () => {
    const flags = tokenize('We use Adam. Adam works! (Really) yes').map((token) => token.sentenceInitial);
    expect(flags).toEqual([true, false, false, true, false, true, false]);
  });
});

describe('PhraseMatcher', () => {
  const matcher = new PhraseMatcher<string>();
  matcher.add('Layer Normalization', 'LN', 'any');
  matcher.add('GAN', 'GAN', 'exact');
  matcher.add('MA', 'MA', 'exact');
  matcher.add('Gaussian Process', 'GP', 'any');
  matcher.add('Graph Convolutional Network', 'GCN', 'any');
  matcher.add('Convolutional Network', 'CN', 'any');
  matcher.add('U-Net', 'U-Net', ['exact', 'any']);
  const found = (text: string) => selectLongest(matcher.findAll(tokenize(text))).map((match) => match.entry.payload);

  it('matches phrases case-insensitively across hyphen and case variants', () => {
    expect(found('with layer-normalization applied')).toEqual(['LN']);
    expect(found('LAYER NORMALIZATION')).toEqual(['LN']);
  });

  it('matches exact-case tokens only as written', () => {
    expect(found('a GAN model')).toEqual(['GAN']);
    expect(found('a gan model')).toEqual([]);
    expect(found('the U-Net and the u-net')).toEqual(['U-Net']);
  });

  it('accepts plural endings of the last token, but only lower-case endings', () => {
    expect(found('two GANs')).toEqual(['GAN']);
    expect(found('Gaussian processes')).toEqual(['GP']);
    expect(found('the MAS dataset')).toEqual([]);
  });

  it('selects leftmost-longest matches', () => {
    expect(found('a graph convolutional network and a convolutional network')).toEqual(['GCN', 'CN']);
    expect(matcher.findAll(tokenize('graph convolutional network')).length).toBe(2);
  });

  it('refuses mismatched token-case rules and ignores empty phrases', () => {
    expect(() => matcher.add('Two Words', 'x', ['any'])).toThrow(/2 tokens but 1/);
    expect(matcher.add(' - ', 'nothing', 'any')).toBe(false);
  });
});

describe('text capitalisation', () => {
  it('recognises Title Case and shouted text', () => {
    expect(isCapitalisedText(tokenize('Deep Residual Learning for Image Recognition'))).toBe(true);
    expect(isCapitalisedText(tokenize('We train a residual network on images.'))).toBe(false);
    expect(isShoutedText(tokenize('DEEP RESIDUAL LEARNING FOR IMAGES'))).toBe(true);
    expect(prepareSegment('We use BERT and GPT here.').shouted).toBe(false);
  });
});
