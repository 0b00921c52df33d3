/** facet delete / delete --undo / edit, and where `facet import` sends folders and identifier lists. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRequest } from '../../../src-main/common/contract.ts';
import { openFacet, type FacetCore } from '../../../src-main/core/service.ts';
import { UsageError } from '../../../src-main/node/cli/args.ts';
import { planImport } from '../../../src-main/node/cli/commands.ts';
import { parseLibraryCommand } from '../../../src-main/node/cli/library-args.ts';
import type { PaperCliCommand } from '../../../src-main/node/cli/paper-args.ts';
import { runPaperCommand } from '../../../src-main/node/cli/paper-commands.ts';
import { FakeEmbedder } from '../service/fake-embedder.ts';

let dir: string;
let core: FacetCore;
let ids: string[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-cli-papers-'));
  core = await openFacet({ dataDir: path.join(dir, 'data'), embedder: new FakeEmbedder() });
  const text = [
    { title: 'Contrastive learning of sentence embeddings', abstract: 'A BERT encoder with a contrastive loss on SNLI.', authors: ['Tianyu Gao'], year: 2021, arxivId: '2104.08821' },
    { title: 'Graph attention networks', abstract: 'Attention over graph neighbourhoods for node classification on Cora.', authors: ['Petar Veličković'], year: 2018, doi: '10.1000/gat' },
  ].map((p) => JSON.stringify(p)).join('\n');
  ids = (await core.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: 'p.jsonl', text }] }))).paperIds!;
});

afterEach(async () => {
  await core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runPaperCommand(core, parseLibraryCommand(argv) as PaperCliCommand, (t) => (stdout += `${t}\n`), (t) => (stderr += `${t}\n`));
  return { code, stdout, stderr };
}

describe('facet delete and edit', () => {
  it('deletes papers, prints an undo token, and --undo brings them back', async () => {
    const deleted = await run(['delete', ids[0]!, ids[1]!]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain(`deleted ${ids[0]}  Contrastive learning of sentence embeddings`);
    expect(deleted.stdout).toContain('Deleted 2 paper(s).');
    const token = /facet delete --undo (\S+)/.exec(deleted.stderr)?.[1];
    expect(token).toBeDefined();
    expect((await core.handlers['library.stats']({})).papers).toBe(0);
    const undone = await run(['delete', '--undo', token!, '--json']);
    expect(JSON.parse(undone.stdout)).toEqual({ restored: ids, alreadyPresent: [] });
    expect((await core.handlers['library.stats']({})).papers).toBe(2);
  });

  it('edits metadata; "none" clears a field', async () => {
    const edited = await run(['edit', ids[1]!, '--title', 'Graph Attention Networks', '--author', 'Petar Veličković', '--author', 'Yoshua Bengio', '--year', '2018', '--venue', 'ICLR', '--doi', 'none', '--json']);
    expect(JSON.parse(edited.stdout)).toMatchObject({ id: ids[1], title: 'Graph Attention Networks', authors: ['Petar Veličković', 'Yoshua Bengio'], venue: 'ICLR', doi: null });
  });

  it.each([
    [['delete'], /at least one paper id/],
    [['delete', 'a', '--undo', 't'], /takes no paper ids/],
    [['edit'], /takes one paper id/],
    [['edit', 'a'], /changes nothing/],
    [['edit', 'a', '--year', 'soon'], /four-digit year/],
    [['edit', 'a', '--title', '  '], /needs a title/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseLibraryCommand(argv)).toThrow(UsageError);
    expect(() => parseLibraryCommand(argv)).toThrow(message);
  });
});

describe('facet import routing', () => {
  it('sends a folder to the PDF-folder importer, an identifier list to the stub importer, other files to import.run', () => {
    const folder = path.join(dir, 'Papers');
    fs.mkdirSync(folder);
    const list = path.join(dir, 'ids.txt');
    fs.writeFileSync(list, 'see https://arxiv.org/abs/2205.13147\n10.1145/3529372.3530912\narXiv:2002.05709v2\n');
    const digest = path.join(dir, 'digest.txt');
    fs.writeFileSync(digest, 'A Paper About arXiv:2002.05709\n\nWe study something at length and mention 10.1000/xyz in a sentence that is long enough.\n');
    const bib = path.join(dir, 'ids.bib');
    fs.writeFileSync(bib, '@misc{a, title = {2205.13147}}\n');
    expect(planImport(folder)).toEqual({ kind: 'library', source: { kind: 'pdf-folder', path: folder } });
    expect(planImport(list)).toEqual({ kind: 'library', source: { kind: 'identifiers-file', path: list } });
    expect(planImport(digest)).toEqual({ kind: 'file', path: digest });
    expect(planImport(bib)).toEqual({ kind: 'file', path: bib });
    expect(() => planImport(path.join(dir, 'missing.bib'))).toThrow(/no such file/);
  });

  it('import.run reports an identifier list instead of storing it as a paper', async () => {
    const summary = await core.handlers['import.run'](parseRequest('import.run', { sources: [{ kind: 'text', name: 'ids.txt', text: 'https://arxiv.org/abs/2205.13147\n10.1145/3529372.3530912\n' }] }));
    expect(summary.added).toBe(0);
    expect(summary.problems).toMatchObject([{ severity: 'error', message: expect.stringMatching(/list of arXiv ids \/ DOIs/) }]);
  });
});
