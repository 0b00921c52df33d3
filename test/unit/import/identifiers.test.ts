import { describe, expect, it } from 'vitest';
import { normaliseDoi, normaliseTitle, parseArxivId } from '../../../src-main/core/import/index.ts';

describe('parseArxivId', () => {
  it.each([
    ['2205.13147', '2205.13147'],
    ['2205.13147v3', '2205.13147'],
    ['arXiv:2205.13147v1', '2205.13147'],
    ['arxiv: 1501.00001', '1501.00001'],
    ['0704.0001', '0704.0001'],
    ['https://arxiv.org/abs/2205.13147v2', '2205.13147'],
    ['http://arxiv.org/pdf/2205.13147v2.pdf', '2205.13147'],
    ['https://arxiv.org/pdf/2205.13147', '2205.13147'],
    ['https://www.arxiv.org/abs/hep-th/9901001v2', 'hep-th/9901001'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v5', 'hep-th/9901001'],
    ['math.GT/0309136', 'math.GT/0309136'],
    ['cs/0101001', 'cs/0101001'],
    ['arXiv preprint arXiv:2301.04567', '2301.04567'],
    ['10.48550/arXiv.2205.13147', '2205.13147'],
    ['https://doi.org/10.48550/ARXIV.2205.13147', '2205.13147'],
  ])('%s -> %s', (input, expected) => {
    expect(parseArxivId(input)).toBe(expected);
  });

  it.each([
    [''],
    ['not an id'],
    ['2213.01234'], // month 13
    ['see table 1234.5678 in the appendix'], // a bare number inside prose is not taken
    ['10.1145/3529372.3530912'],
    ['https://example.org/abs/2205.13147'],
  ])('rejects %j', (input) => {
    expect(parseArxivId(input)).toBeNull();
  });
});

describe('normaliseDoi', () => {
  it.each([
    ['10.1145/3529372.3530912', '10.1145/3529372.3530912'],
    ['10.1145/ABC.DEF', '10.1145/abc.def'],
    ['https://doi.org/10.1145/3529372.3530912', '10.1145/3529372.3530912'],
    ['http://dx.doi.org/10.1145/3529372.3530912', '10.1145/3529372.3530912'],
    ['doi:10.1145/3529372.3530912', '10.1145/3529372.3530912'],
    ['DOI: 10.1145/3529372.3530912', '10.1145/3529372.3530912'],
    ['https://doi.org/10.1145%2F3529372.3530912', '10.1145/3529372.3530912'],
    ['10.1145/3529372.3530912.', '10.1145/3529372.3530912'],
    ['(see 10.1145/3529372.3530912),', '10.1145/3529372.3530912'],
    ['10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O', '10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-o'],
    ['10.1000/xyz(2020)', '10.1000/xyz(2020)'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseDoi(input)).toBe(expected);
  });

  it.each([[''], ['no doi here'], ['11.1145/abc'], ['10.12/too-short-prefix']])('rejects %j', (input) => {
    expect(normaliseDoi(input)).toBeNull();
  });
});

describe('normaliseTitle', () => {
  it('folds case, punctuation and spacing', () => {
    expect(normaliseTitle('  DECOR:Decomposition and  Projection -- of Text ')).toBe('decor decomposition and projection of text');
    expect(normaliseTitle('DECOR: Decomposition and Projection of Text')).toBe(normaliseTitle('decor decomposition AND projection, of text.'));
  });

  it('strips LaTeX braces, commands and accents', () => {
    expect(normaliseTitle('{BERT}: Pre-training of {D}eep \\emph{Bidirectional} Transformers')).toBe('bert pre training of deep bidirectional transformers');
    expect(normaliseTitle('M{\\"u}ller {\\\'e}t{\\\'e} \\v{c}asopis')).toBe(normaliseTitle('Müller été časopis'));
    expect(normaliseTitle('Müller')).toBe('muller');
  });

  it('applies NFKC (ligatures, full-width forms)', () => {
    expect(normaliseTitle('ﬁne-tuning ＬＬＭｓ')).toBe('fine tuning llms');
  });
});
