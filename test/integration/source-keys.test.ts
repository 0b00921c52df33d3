/**
 * Papers keep the key they came with (a JSONL record's id, a BibTeX citation key) as `sourceKey`,
 * shown in get / search / similar JSON and accepted wherever the CLI takes a paper id. Real CLI,
 * committed model; skips with a message where the model is absent.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src-main/core/data-dir.ts';
import { realModelDir } from '../unit/embed/model-fixture.ts';

const root = repoRoot();
const bin = path.join(root, 'bin', 'facet.mjs');
const model = realModelDir();

function facet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const RECORDS = [
  { id: 'q-graph', title: 'Graph neural networks for molecule property prediction', abstract: 'We train message passing graph neural networks on molecular graphs and predict solubility.' },
  { id: 'q-mol', title: 'Message passing on molecular graphs revisited', abstract: 'Graph neural networks with edge features improve molecular property prediction on QM9.' },
  { id: 'q-speech', title: 'Streaming speech recognition with transducers', abstract: 'An RNN transducer recognises speech in real time on LibriSpeech with low latency.' },
  { id: 'q-asr', title: 'Low-latency automatic speech recognition', abstract: 'We cut the latency of streaming speech recognition models on LibriSpeech.' },
];

describe.skipIf(model.dir === null)(`source keys${model.dir === null ? ` (skipped: ${model.reason})` : ''}`, () => {
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-source-keys-'));
    const jsonl = path.join(dir, 'papers.jsonl');
    fs.writeFileSync(jsonl, RECORDS.map((record) => JSON.stringify(record)).join('\n') + '\n');
    const bib = path.join(dir, 'refs.bib');
    // "q-asr" again as a BibTeX key, on another paper: a key two papers came with.
    fs.writeFileSync(bib, '@article{chen2020simclr,\n  title = {A Simple Framework for Contrastive Learning of Visual Representations},\n  abstract = {Contrastive learning of visual representations with data augmentation.},\n  year = {2020}\n}\n@misc{q-asr,\n  title = {Speech recognition without latency},\n  abstract = {Another paper that happens to share a key.},\n  year = {2021}\n}\n');
    const imported = await facet(['import', jsonl, bib, '--data-dir', dir]);
    expect(imported.code, imported.stderr).toBe(0);
  }, 240_000);

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds a paper by the key it came with, and shows the key in get, search and similar', async () => {
    const got = await facet(['get', 'q-graph', '--json', '--data-dir', dir]);
    expect(got.code, got.stderr).toBe(0);
    const paper = JSON.parse(got.stdout) as { id: string; sourceKey: string | null; title: string };
    expect(paper.sourceKey).toBe('q-graph');
    expect(paper.title).toBe(RECORDS[0]!.title);
    expect(paper.id).not.toBe('q-graph');
    // The paper id works as well, and gives the same paper.
    const byId = JSON.parse((await facet(['get', paper.id, '--json', '--data-dir', dir])).stdout) as { id: string };
    expect(byId.id).toBe(paper.id);
    const bibtex = JSON.parse((await facet(['get', 'chen2020simclr', '--json', '--data-dir', dir])).stdout) as { sourceKey: string };
    expect(bibtex.sourceKey).toBe('chen2020simclr');

    const similar = await facet(['similar', 'q-graph', '--aspect', 'generic', '--k', '3', '--json', '--data-dir', dir]);
    expect(similar.code, similar.stderr).toBe(0);
    const neighbours = JSON.parse(similar.stdout) as { id: string; sourceKey: string | null }[];
    expect(neighbours[0]?.sourceKey).toBe('q-mol');
    const search = JSON.parse((await facet(['search', 'transducers', '--mode', 'keyword', '--json', '--data-dir', dir])).stdout) as { sourceKey: string | null }[];
    expect(search.map((hit) => hit.sourceKey)).toContain('q-speech');
  }, 120_000);

  it('takes source keys in similar --batch, for the query and within', async () => {
    const file = path.join(dir, 'queries.jsonl');
    fs.writeFileSync(file, JSON.stringify({ id: 'q-speech', aspect: 'generic', k: 2, within: ['q-graph', 'q-mol', 'chen2020simclr'] }) + '\n');
    const run = await facet(['similar', '--batch', file, '--json', '--data-dir', dir]);
    expect(run.code, run.stderr).toBe(0);
    const answer = JSON.parse(run.stdout.trim()) as { id: string; neighbours: { sourceKey: string | null }[] };
    expect(answer.id).toBe('q-speech');
    expect(answer.neighbours).toHaveLength(2);
    for (const n of answer.neighbours) expect(['q-graph', 'q-mol', 'chen2020simclr']).toContain(n.sourceKey);
  }, 120_000);

  it('refuses a key that two papers came with, and names an unknown one', async () => {
    const ambiguous = await facet(['get', 'q-asr', '--data-dir', dir]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(/"q-asr" is the source key of several papers .*use a paper id/);
    const unknown = await facet(['similar', 'no-such-key', '--aspect', 'task', '--data-dir', dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no paper with id or source key "no-such-key"');
  }, 120_000);
});
