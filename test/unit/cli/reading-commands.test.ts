/**
 * The reading-list commands (cli/reading-commands.ts) against a core with the fake embedder: what
 * they print (text and --json), what they store, and the files export writes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRequest } from '../../../src-main/common/contract.ts';
import { openFacet, type FacetCore } from '../../../src-main/core/service.ts';
import { parseCommand } from '../../../src-main/node/cli/args.ts';
import type { ReadingCommand } from '../../../src-main/node/cli/reading-args.ts';
import { runReadingCommand } from '../../../src-main/node/cli/reading-commands.ts';
import { FakeEmbedder } from '../service/fake-embedder.ts';

const PAPERS = [
  { title: 'Contrastive learning of sentence embeddings', abstract: 'A BERT encoder with a contrastive loss on SNLI.', authors: ['Tianyu Gao'], year: 2021, arxivId: '2104.08821' },
  { title: 'Sentence embeddings with contrastive hard negatives', abstract: 'Contrastive sentence embeddings with hard negatives on SNLI.', authors: ['Ann Lee'], year: 2022, doi: '10.1000/hard' },
  { title: 'Graph attention networks', abstract: 'Attention over graph neighbourhoods for node classification on Cora.', authors: ['Petar Veličković'], year: 2018, doi: '10.1000/gat' },
];

let dir: string;
let core: FacetCore;
let ids: string[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-cli-reading-'));
  core = await openFacet({ dataDir: path.join(dir, 'data'), embedder: new FakeEmbedder() });
  const summary = await core.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: 'p.jsonl', text: PAPERS.map((p) => JSON.stringify(p)).join('\n') }] }));
  ids = summary.paperIds!;
});

afterEach(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runReadingCommand(core, parseCommand(argv) as ReadingCommand, (t) => (stdout += `${t}\n`), (t) => (stderr += `${t}\n`));
  return { code, stdout, stderr };
}

describe('reading-list commands', () => {
  it('mark sets status, rating, tags (added and removed) and a note from a file', async () => {
    const noteFile = path.join(dir, 'note.md');
    fs.writeFileSync(noteFile, '# Why\n\nבדיקה ✓\n');
    expect((await run(['mark', ids[0]!, '--status', 'read', '--rating', '5', '--tag', 'nlp', '--tag', 'to cite'])).stdout).toBe(`${ids[0]}: read · 5/5 · tags: nlp, to cite\n`);
    const marked = await run(['mark', ids[0]!, '--untag', 'nlp', '--tag', 'favourite', '--note-file', noteFile, '--json']);
    const edit = JSON.parse(marked.stdout);
    expect(edit.current).toMatchObject({ status: 'read', rating: 5, tags: ['to cite', 'favourite'], note: '# Why\n\nבדיקה ✓\n' });
    expect(edit.undo).toEqual({ tags: ['nlp', 'to cite'], note: '' });
    await expect(run(['mark', 'nope', '--status', 'read'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(run(['mark', ids[0]!, '--note-file', path.join(dir, 'missing.md')])).rejects.toThrow(/cannot read the note file .*missing\.md/);
  });

  it('list filters by status and prints JSON', async () => {
    await run(['mark', ids[0]!, '--status', 'read', '--rating', '4']);
    await run(['mark', ids[2]!, '--status', 'to-read']);
    const read = JSON.parse((await run(['list', '--status', 'read', '--json'])).stdout);
    expect(read.total).toBe(1);
    expect(read.items[0]).toMatchObject({ id: ids[0], title: PAPERS[0]!.title, status: 'read', rating: 4 });
    const text = await run(['list']);
    expect(text.stdout).toContain(PAPERS[2]!.title);
    expect(text.stdout).toContain('to-read');
    expect((await run(['list', '--tag', 'none-such'])).stderr).toContain('no papers that match');
  });

  it('for-you explains, not-relevant drops a paper and --undo brings it back', async () => {
    const empty = await run(['for-you']);
    expect(empty.stderr).toContain('nothing to go on yet');
    await run(['mark', ids[0]!, '--status', 'read']);
    const before = JSON.parse((await run(['for-you', '--json'])).stdout);
    expect(before.method).toBe('centroid');
    expect(before.items.map((i: { id: string }) => i.id).sort()).toEqual([ids[1], ids[2]].sort());
    expect(before.items[0].liked[0]).toMatchObject({ id: ids[0], title: PAPERS[0]!.title });
    expect(before.items[0].reason).toContain(PAPERS[0]!.title);
    expect((await run(['not-relevant', ids[1]!])).stdout).toContain('marked not relevant');
    const after = JSON.parse((await run(['for-you', '--json'])).stdout);
    expect(after.items.map((i: { id: string }) => i.id)).toEqual([ids[2]]);
    await run(['not-relevant', ids[1]!, '--undo']);
    const undone = JSON.parse((await run(['for-you', '--json'])).stdout);
    expect(undone.items).toEqual(before.items);
  });

  it('export writes BibTeX, CSL-JSON and Markdown files that import back as duplicates', async () => {
    await run(['mark', ids[0]!, '--status', 'read', '--note', 'Cite in §2']);
    await run(['mark', ids[1]!, '--status', 'to-read']);
    for (const [format, file] of [['bibtex', 'list.bib'], ['csl-json', 'list.json']] as const) {
      const out = path.join(dir, file);
      const result = await run(['export', '--format', format, '--out', out, '--json']);
      expect(JSON.parse(result.stdout)).toMatchObject({ format, count: 2, path: out });
      const summary = await core.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'file', path: out }] }));
      expect(summary).toMatchObject({ parsed: 2, added: 0, duplicates: 2 });
      expect([...summary.paperIds!].sort()).toEqual([ids[0], ids[1]].sort());
    }
    const markdown = await run(['export', '--format', 'markdown', '--status', 'read']);
    expect(markdown.stdout).toContain(PAPERS[0]!.title);
    expect(markdown.stdout).toContain('Cite in §2');
    expect(markdown.stdout).not.toContain(PAPERS[1]!.title);
    expect(markdown.stderr).toContain('exported 1 papers as markdown');
    const byId = await run(['export', '--format', 'bibtex', '--ids', ids[2]!]);
    expect(byId.stdout.match(/^@\w+\{/gm)).toHaveLength(1);
  });
});
