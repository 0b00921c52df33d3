/**
 * Step 1 of the model build: runs Facet's tokenizer over the full-text corpus and writes
 * `docs.txt` into --out (default tools/model/.work/lsa/): one corpus paper a line, tokens joined by
 * single spaces, from the paper's first --doc-chars characters (title, abstract and the opening
 * sections). The Python side splits on spaces, so its vocabulary is exactly Facet's tokens.
 *
 * No labels are read: the only input is the corpus text.
 *
 * Usage: npx tsx tools/model/tokenize-lsa.ts [--doc-chars N] [--out DIR]
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { tokenize } from '../../src-main/core/text/tokenizer.ts';
import { readJsonl } from './jsonl.ts';
import { corpusPath, workDir } from './paths.ts';

const { values } = parseArgs({
  options: {
    'doc-chars': { type: 'string', default: '6000' },
    out: { type: 'string', default: path.join(workDir, 'lsa') },
  },
});
const docChars = Number(values['doc-chars']);
if (!Number.isInteger(docChars) || docChars < 100) throw new Error(`--doc-chars must be an integer >= 100, got "${values['doc-chars']}"`);
const outDir = path.resolve(values.out ?? path.join(workDir, 'lsa'));
mkdirSync(outDir, { recursive: true });

const docs = createWriteStream(path.join(outDir, 'docs.txt'));
let papers = 0;
for await (const { line, value } of readJsonl(corpusPath)) {
  const text = (value as { text?: unknown }).text;
  if (typeof text !== 'string') throw new Error(`${corpusPath}:${line}: record has no string "text"`);
  if (!docs.write(tokenize(text.slice(0, docChars)).join(' ') + '\n')) await once(docs, 'drain');
  papers++;
}
docs.end();
await once(docs, 'finish');
console.log(`tokenize-lsa: ${papers} papers, first ${docChars} characters each -> ${path.join(outDir, 'docs.txt')}`);
