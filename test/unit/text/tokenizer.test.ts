import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PAD_ID, Tokenizer, UNKNOWN_ID, normalizeText, tokenize } from '../../../src-main/core/text/tokenizer.ts';
import { committedModelDir, repoRoot } from '../model/model-dir.ts';

describe('normalizeText', () => {
  it('applies NFKC, lower-cases, deletes format characters and turns control characters into spaces', () => {
    expect(normalizeText('ＢＥＲＴ ﬁne-tuning')).toBe('bert fine-tuning');
    expect(normalizeText('classi\u00ADfication')).toBe('classification');
    expect(normalizeText('zero\u200Bwidth\uFEFF')).toBe('zerowidth');
    expect(normalizeText('a\u0000b\tc\r\nd\u0007e')).toBe('a b c  d e');
    expect(normalizeText('x² ≤ ε')).toBe('x2 ≤ ε');
    expect(normalizeText('plain ascii, no capitals: 1-2 [x]')).toBe('plain ascii, no capitals: 1-2 [x]');
  });
});

describe('tokenize', () => {
  it('keeps runs of letters, marks and digits and drops the rest', () => {
    expect(tokenize('Deep Residual Learning (ResNet-50) on ImageNet!')).toEqual(['deep', 'residual', 'learning', 'resnet', '50', 'on', 'imagenet']);
    expect(tokenize('F1 = 92.3% on SQuAD v1.1')).toEqual(['f1', '92', '3', 'on', 'squad', 'v1', '1']);
    expect(tokenize('')).toEqual([]);
    expect(tokenize('... --- !!!')).toEqual([]);
  });

  it('is Unicode-aware: accented letters, CJK and combining marks stay inside tokens', () => {
    expect(tokenize('Übersetzung d’entités')).toEqual(['übersetzung', 'd', 'entités']);
    expect(tokenize('中文分词 हिन्दी')).toEqual(['中文分词', 'हिन्दी']);
    // A decomposed "é" (e + U+0301) composes under NFKC into one letter.
    expect(tokenize('re\u0301sume\u0301')).toEqual(['résumé']);
  });
});

describe('Tokenizer', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'facet-tokenizer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('maps tokens to vocabulary ids, unknown tokens to 1, and truncates title-then-abstract', () => {
    const file = path.join(dir, 'vocab.txt');
    writeFileSync(file, '<pad>\n<unk>\ngraph\nneural\nnetworks\ncora\n');
    const tokenizer = Tokenizer.fromFile(file);
    expect(tokenizer.size).toBe(6);
    expect(tokenizer.encode('Graph Neural Networks', 'on Cora', 10)).toEqual({ ids: [2, 3, 4, UNKNOWN_ID, 5], truncated: false, tokenCount: 5 });
    expect(tokenizer.encode('Graph Neural Networks', 'on Cora', 4)).toEqual({ ids: [2, 3, 4, UNKNOWN_ID], truncated: true, tokenCount: 5 });
    expect(tokenizer.encode('', '', 4)).toEqual({ ids: [], truncated: false, tokenCount: 0 });
    expect(() => tokenizer.encode('a', 'b', 0)).toThrow(/maxTokens/);
    expect(PAD_ID).toBe(0);
  });

  it('rejects vocabularies without the reserved lines or with repeated tokens, naming the file', () => {
    const bad = path.join(dir, 'bad.txt');
    writeFileSync(bad, 'graph\n<unk>\n');
    expect(() => Tokenizer.fromFile(bad)).toThrow(/bad\.txt.*<pad>/);
    writeFileSync(bad, '<pad>\n<unk>\ngraph\ngraph\n');
    expect(() => Tokenizer.fromFile(bad)).toThrow(/bad\.txt.*"graph" repeats \(line 4\)/);
  });
});

describe('committed vocabulary (golden ids)', () => {
  const { dir: modelDir, manifest } = committedModelDir();
  const tokenizer = Tokenizer.fromFile(path.join(modelDir, manifest.vocab));

  // The vocabulary is the LSA's: words in at least 2 and at most half of the corpus papers,
  // so words nearly every paper holds ('the', 'we', 'learning') are unknown on purpose.
  it('starts with the reserved ids, holds topical words and leaves out the near-universal ones', () => {
    expect(tokenizer.tokens[0]).toBe('<pad>');
    expect(tokenizer.tokens[1]).toBe('<unk>');
    for (const word of ['neural', 'classification', 'imagenet', 'bleu', 'transformer']) {
      expect(tokenizer.idOf(word), word).toBeGreaterThan(1);
    }
    for (const word of ['the', 'we', 'zzqxv']) expect(tokenizer.idOf(word), word).toBe(UNKNOWN_ID);
  });

  it('round-trips ids to the normalised tokens of a digest', () => {
    const { ids } = tokenizer.encode('Ｄeep Residual Learning', 'We train on ImageNet.', manifest.maxTokens);
    expect(ids.map((id) => tokenizer.tokens[id])).toEqual(['deep', 'residual', '<unk>', '<unk>', 'train', '<unk>', 'imagenet']);
  });

  it('maps the golden digests (test/fixtures/model/golden.json) to their pinned ids', () => {
    const golden = JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/model/golden.json'), 'utf8')) as {
      inputs: { name: string; title: string; abstract: string; ids: number[]; truncated: boolean }[];
    };
    expect(golden.inputs.length).toBeGreaterThanOrEqual(10);
    for (const input of golden.inputs) {
      const encoded = tokenizer.encode(input.title, input.abstract, manifest.maxTokens);
      expect(encoded.ids, input.name).toEqual(input.ids);
      expect(encoded.truncated, input.name).toBe(input.truncated);
    }
    const byName = new Map(golden.inputs.map((input) => [input.name, input]));
    expect(byName.get('empty')?.ids).toEqual([]);
    expect(byName.get('unknown-words-only')?.ids).toEqual([UNKNOWN_ID, UNKNOWN_ID, UNKNOWN_ID]);
    expect(byName.get('long-repetitive')?.ids).toHaveLength(manifest.maxTokens);
  });
});
