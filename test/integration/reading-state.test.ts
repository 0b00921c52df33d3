/**
 * The reading list through the real `facet` CLI (child processes, the committed ONNX model, LanceDB
 * in a temp folder): mark, list, for-you, not-relevant, export; then the reading state survives a
 * re-import of the exports and a model change (the same model under another id, so every paper is
 * re-embedded). Skips with a message where the model or ../shared/seeds is missing.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src-main/core/data-dir.ts';
import { DEFAULT_FOR_YOU_OPTIONS } from '../../src-main/core/recommend/index.ts';
import { realModelDir } from '../unit/embed/model-fixture.ts';

const root = repoRoot();
const bin = path.join(root, 'bin', 'facet.mjs');
const seedsDir = path.resolve(root, '../shared/seeds');
const seedFile = fs.existsSync(seedsDir) ? fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort()[0] : undefined;
const model = realModelDir();
const skipReason = seedFile === undefined ? `no seed pages in ${seedsDir}` : model.dir === null ? model.reason : '';
if (skipReason) console.warn(`skipping the reading-state integration test: ${skipReason}`);

function facet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function json<T>(args: string[]): Promise<T> {
  const run = await facet([...args, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

interface ListJson {
  total: number;
  items: { id: string; title: string; status: string; rating: number | null; tags: string[]; note: string; notRelevant: boolean; updatedAt: string }[];
}

describe.skipIf(skipReason !== '')('reading state with the real model and the CLI', () => {
  let dir: string;
  let dataDir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-reading-int-'));
    dataDir = path.join(dir, 'data');
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('marks, ranks, exports, and keeps every state through a re-import and a re-embed', async () => {
    const imported = await json<{ added: number; paperIds: string[] }>(['import', path.join(seedsDir, seedFile!), '--data-dir', dataDir]);
    expect(imported.added).toBeGreaterThan(20);
    const [a, b, c, d] = imported.paperIds;
    const note = `# Notes\n\n${'Ünïcødé ✓ 漢字 — '.repeat(2000)}`;
    const noteFile = path.join(dir, 'note.md');
    fs.writeFileSync(noteFile, note);

    expect((await facet(['mark', a!, '--status', 'read', '--rating', '5', '--tag', 'retrieval', '--data-dir', dataDir])).code).toBe(0);
    expect((await facet(['mark', b!, '--status', 'reading', '--note-file', noteFile, '--data-dir', dataDir])).code).toBe(0);
    expect((await facet(['mark', c!, '--status', 'to-read', '--tag', 'later', '--data-dir', dataDir])).code).toBe(0);

    const read = await json<ListJson>(['list', '--status', 'read', '--data-dir', dataDir]);
    expect(read.items.map((item) => item.id)).toEqual([a]);
    const before = await json<ListJson>(['list', '--data-dir', dataDir]);
    expect(before.total).toBe(3);
    expect(before.items.find((item) => item.id === b)!.note).toBe(note);

    const forYou = await json<{ method: string; positives: number; items: { id: string; reason: string }[] }>(['for-you', '--aspect', 'method', '--k', '5', '--data-dir', dataDir]);
    // Two liked papers, ranked by the default method ("auto" would switch to the classifier at its threshold).
    const expectedMethod = DEFAULT_FOR_YOU_OPTIONS.method === 'auto' ? (2 >= DEFAULT_FOR_YOU_OPTIONS.minPositivesForClassifier ? 'classifier' : 'centroid') : DEFAULT_FOR_YOU_OPTIONS.method;
    expect(forYou).toMatchObject({ method: expectedMethod, positives: 2 });
    expect(forYou.items).toHaveLength(5);
    for (const id of [a, b, c]) expect(forYou.items.map((item) => item.id)).not.toContain(id);
    expect(forYou.items[0]!.reason).toMatch(/^close to “/);
    const dropped = forYou.items[0]!.id;
    expect((await facet(['not-relevant', dropped, '--data-dir', dataDir])).code).toBe(0);
    const after = await json<{ items: { id: string }[] }>(['for-you', '--aspect', 'method', '--k', '5', '--data-dir', dataDir]);
    expect(after.items.map((item) => item.id)).not.toContain(dropped);
    expect((await facet(['not-relevant', dropped, '--undo', '--data-dir', dataDir])).code).toBe(0);
    const undone = await json<{ items: { id: string }[] }>(['for-you', '--aspect', 'method', '--k', '5', '--data-dir', dataDir]);
    expect(undone.items.map((item) => item.id)).toEqual(forYou.items.map((item) => item.id));
    expect((await facet(['mark', d!, '--status', 'dismissed', '--data-dir', dataDir])).code).toBe(0);

    // Re-import the seed page and the exports: only duplicates, state untouched.
    const bib = path.join(dir, 'list.bib');
    const csl = path.join(dir, 'list.json');
    // Dismissed papers go out only when asked for.
    expect(await json(['export', '--format', 'bibtex', '--out', bib, '--data-dir', dataDir])).toMatchObject({ count: 3 });
    expect(await json(['export', '--format', 'bibtex', '--out', bib, '--include-dismissed', '--data-dir', dataDir])).toMatchObject({ count: 4 });
    expect(await json(['export', '--format', 'csl-json', '--out', csl, '--include-dismissed', '--data-dir', dataDir])).toMatchObject({ count: 4 });
    const again = await json<{ added: number; duplicates: number }>(['import', path.join(seedsDir, seedFile!), bib, csl, '--data-dir', dataDir]);
    expect(again.added).toBe(0);
    expect(again.duplicates).toBe(imported.added + 8);
    const afterImport = await json<ListJson>(['list', '--data-dir', dataDir]);
    expect(afterImport).toEqual({ ...before, total: 4, items: afterImport.items });
    for (const item of before.items) expect(afterImport.items.find((other) => other.id === item.id)).toEqual(item);
    const forYouBeforeModel = await json<{ items: { id: string }[] }>(['for-you', '--aspect', 'method', '--k', '5', '--data-dir', dataDir]);

    // The same model under another id: the store drops every vector and re-embeds on open.
    const otherModel = path.join(dir, 'model-copy');
    fs.cpSync(model.dir!, otherModel, { recursive: true });
    const manifestPath = path.join(otherModel, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { id: string };
    fs.writeFileSync(manifestPath, JSON.stringify({ ...manifest, id: `${manifest.id}-copy` }));
    const stats = await json<{ papers: number; model: { id: string } }>(['stats', '--model-dir', otherModel, '--data-dir', dataDir]);
    expect(stats.model.id).toBe(`${manifest.id}-copy`);
    // `stats` reports without waiting, and closing stops re-embedding after the batch in flight;
    // `search` waits for the core to be idle, so the re-embedding runs to its end here.
    await json<unknown[]>(['search', 'embedding', '--mode', 'keyword', '--model-dir', otherModel, '--data-dir', dataDir]);
    const reembedded = await json<{ embedded: number; pendingEmbedding: number; papers: number }>(['stats', '--model-dir', otherModel, '--data-dir', dataDir]);
    expect(reembedded).toMatchObject({ embedded: stats.papers, pendingEmbedding: 0 });
    const afterModel = await json<ListJson>(['list', '--model-dir', otherModel, '--data-dir', dataDir]);
    expect(afterModel).toEqual(afterImport);
    const forYouAfter = await json<{ positives: number; negatives: number; items: { id: string }[] }>(['for-you', '--aspect', 'method', '--k', '5', '--model-dir', otherModel, '--data-dir', dataDir]);
    expect(forYouAfter).toMatchObject({ positives: 2, negatives: 1 });
    // Same weights under a new id: the same vectors again, so the same ranking.
    expect(forYouAfter.items.map((item) => item.id)).toEqual(forYouBeforeModel.items.map((item) => item.id));
  }, 600_000);
});
