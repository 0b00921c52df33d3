/**
 * Step 1 of training: runs Facet's tokenizer (src-main/core/text/tokenizer.ts) over the training data
 * and writes what the Python side reads, into tools/model/.work/ unless --out says otherwise:
 *
 *   corpus.txt        the full-text corpus, normalised, tokens joined by single spaces, one paragraph a
 *                     line, so fastText's whitespace split sees exactly Facet's tokens;
 *   token-counts.tsv  every corpus token with its count, most frequent first;
 *   vocab.txt         "<pad>", "<unk>", then the --vocab-size most frequent tokens with count >= --min-count
 *                     (ties broken by code-point order, so the file is deterministic);
 *   pwc-tokens.jsonl  one line per Papers-with-Code paper of every split: paper_id, arxiv_id, split,
 *                     tasks, datasets, ids (title then abstract, at most --max-tokens), truncated.
 *                     The trainer filters by split; held-out papers are written only so evaluation can
 *                     embed them.
 *
 * Usage: npx tsx tools/model/tokenize-corpus.ts [--max-docs N] [--vocab-size N] [--min-count N]
 *                                               [--max-tokens N] [--out DIR]
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { PAD_TOKEN, Tokenizer, UNKNOWN_TOKEN, tokenize } from '../../src-main/core/text/tokenizer.ts';
import { readJsonl } from './jsonl.ts';
import { corpusPath, tdmsPath, workDir } from './paths.ts';

const { values } = parseArgs({
  options: {
    'max-docs': { type: 'string', default: '0' },
    'vocab-size': { type: 'string', default: '30000' },
    'min-count': { type: 'string', default: '5' },
    'max-tokens': { type: 'string', default: '512' },
    out: { type: 'string', default: workDir },
  },
});
const positiveInt = (name: string, text: string | undefined, allowZero = false): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new Error(`--${name} must be an integer >= ${allowZero ? 0 : 1}, got "${text}"`);
  return n;
};
const maxDocs = positiveInt('max-docs', values['max-docs'], true);
const vocabSize = positiveInt('vocab-size', values['vocab-size']);
const minCount = positiveInt('min-count', values['min-count']);
const maxTokens = positiveInt('max-tokens', values['max-tokens']);
const outDir = path.resolve(values.out ?? workDir);
mkdirSync(outDir, { recursive: true });

async function writeCorpus(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const out = createWriteStream(path.join(outDir, 'corpus.txt'));
  let docs = 0;
  let tokens = 0;
  for await (const { line, value } of readJsonl(corpusPath)) {
    const text = (value as { text?: unknown }).text;
    if (typeof text !== 'string') throw new Error(`${corpusPath}:${line}: record has no string "text"`);
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      const paragraphTokens = tokenize(paragraph);
      if (paragraphTokens.length === 0) continue;
      for (const token of paragraphTokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      tokens += paragraphTokens.length;
      lines.push(paragraphTokens.join(' '));
    }
    if (!out.write(lines.join('\n') + '\n')) await once(out, 'drain');
    docs++;
    if (maxDocs > 0 && docs >= maxDocs) break;
  }
  out.end();
  await once(out, 'finish');
  console.log(`corpus: ${docs} documents, ${tokens} tokens, ${counts.size} distinct tokens`);
  return counts;
}

function writeVocab(counts: Map<string, number>): Tokenizer {
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  writeFileSync(path.join(outDir, 'token-counts.tsv'), ranked.map(([t, c]) => `${t}\t${c}`).join('\n') + '\n');
  const kept = ranked.filter(([, c]) => c >= minCount).slice(0, vocabSize).map(([t]) => t);
  const covered = ranked.slice(0, kept.length).reduce((sum, [, c]) => sum + c, 0);
  const total = ranked.reduce((sum, [, c]) => sum + c, 0);
  const tokens = [PAD_TOKEN, UNKNOWN_TOKEN, ...kept];
  writeFileSync(path.join(outDir, 'vocab.txt'), tokens.join('\n') + '\n');
  console.log(`vocab: ${tokens.length} ids, covering ${((100 * covered) / total).toFixed(2)}% of corpus tokens`);
  return new Tokenizer(tokens);
}

async function writePwcTokens(tokenizer: Tokenizer): Promise<void> {
  const out = createWriteStream(path.join(outDir, 'pwc-tokens.jsonl'));
  let papers = 0;
  let known = 0;
  let all = 0;
  for await (const { line, value } of readJsonl(tdmsPath)) {
    const paper = value as Record<string, unknown>;
    if (typeof paper.paper_id !== 'string' || typeof paper.split !== 'string') {
      throw new Error(`${tdmsPath}:${line}: record lacks paper_id or split`);
    }
    const title = typeof paper.title === 'string' ? paper.title : '';
    const abstract = typeof paper.abstract === 'string' ? paper.abstract : '';
    const encoded = tokenizer.encode(title, abstract, maxTokens);
    for (const id of encoded.ids) if (id > 1) known++;
    all += encoded.ids.length;
    const row = {
      paper_id: paper.paper_id,
      arxiv_id: typeof paper.arxiv_id === 'string' ? paper.arxiv_id : null,
      split: paper.split,
      has_abstract: abstract.trim() !== '',
      tasks: Array.isArray(paper.tasks) ? paper.tasks : [],
      datasets: Array.isArray(paper.datasets) ? paper.datasets : [],
      ids: encoded.ids,
      truncated: encoded.truncated,
    };
    if (!out.write(JSON.stringify(row) + '\n')) await once(out, 'drain');
    papers++;
  }
  out.end();
  await once(out, 'finish');
  console.log(`pwc: ${papers} papers, ${((100 * known) / Math.max(all, 1)).toFixed(2)}% of their tokens in the vocabulary`);
}

const started = Date.now();
const counts = await writeCorpus();
const tokenizer = writeVocab(counts);
await writePwcTokens(tokenizer);
console.log(`tokenize-corpus: done in ${((Date.now() - started) / 1000).toFixed(1)} s -> ${outDir}`);
