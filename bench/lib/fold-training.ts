/**
 * Per-fold retraining for the 4-fold setting: the supervised part of Facet's model (the aspect
 * heads) is retrained on three folds by H2's trainer (tools/model/train_heads.py), and the fourth
 * fold is embedded with the ONNX model that run exports. The unsupervised part (token embeddings
 * learned on the full-text corpus, which holds no validation/test paper) is shared by all folds.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './paths.ts';

export const TRAIN_HEADS_SCRIPT = resolve(REPO_ROOT, 'tools/model/train_heads.py');
export const PYTHON = '/usr/bin/python3';
export const FOLD_WORK_DIR = resolve(REPO_ROOT, 'tools/model/.work/bench-folds');

export const FOLD_TRAINING_NOTE =
  "per fold, the aspect heads are retrained by tools/model/train_heads.py on the other three folds' train-split papers only; " +
  'the fold is then embedded with that run\'s exported ONNX model; the token-embedding table (unsupervised, full-text corpus) is shared';

export interface FoldTrainingRequest {
  fold: number;
  trainIds: readonly string[];
  heldOutIds: readonly string[];
  seed: number;
  /** Passed to the trainer as --work (default: its own, tools/model/.work). */
  trainerWorkDir?: string;
  /** Passed as --epochs (default: the trainer's own, as for the committed model); the JSON records an override. */
  epochs?: number;
  log: (line: string) => void;
}

export async function trainFoldModel(request: FoldTrainingRequest): Promise<string> {
  if (!existsSync(TRAIN_HEADS_SCRIPT)) {
    throw new Error(`4-fold needs the per-fold head trainer ${TRAIN_HEADS_SCRIPT}, which does not exist yet; run --settings held-out`);
  }
  const workDir = join(FOLD_WORK_DIR, `fold-${request.fold + 1}`);
  mkdirSync(workDir, { recursive: true });
  const trainIdsFile = join(workDir, 'train-ids.txt');
  writeFileSync(trainIdsFile, `${request.trainIds.join('\n')}\n`);
  const excludeIdsFile = join(workDir, 'evaluation-ids.txt');
  writeFileSync(excludeIdsFile, `${request.heldOutIds.join('\n')}\n`);
  const outDir = join(workDir, 'model');
  rmSync(outDir, { recursive: true, force: true });
  // Same defaults as the committed model's training (tools/model/train.sh), narrowed to this fold's papers.
  const args = [TRAIN_HEADS_SCRIPT, '--train-ids', trainIdsFile, '--exclude-ids', excludeIdsFile, '--out', outDir, '--seed', String(request.seed), '--name', `bench-fold-${request.fold + 1}`];
  if (request.trainerWorkDir) args.push('--work', request.trainerWorkDir);
  if (request.epochs !== undefined) args.push('--epochs', String(request.epochs));
  request.log(`  training fold ${request.fold + 1} heads: ${PYTHON} ${args.join(' ')}`);
  const started = performance.now();
  await new Promise<void>((done, fail) => {
    execFile('nice', ['-n', '10', PYTHON, ...args], { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error) fail(new Error(`train_heads.py failed for fold ${request.fold + 1}: ${error.message}\n${stderr.slice(-4000)}`));
      else done();
    });
  });
  request.log(`  fold ${request.fold + 1} trained in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return outDir;
}

/** SHA-1 (12 hex) of the trainer script and of the base it trains on, so a 4-fold result names its inputs. */
export function trainerFingerprint(trainerWorkDir = resolve(REPO_ROOT, 'tools/model/.work')): { trainHeads: string; base: string } {
  const hash = (file: string) => (existsSync(file) ? createHash('sha1').update(readFileSync(file)).digest('hex').slice(0, 12) : 'missing');
  return { trainHeads: hash(TRAIN_HEADS_SCRIPT), base: hash(resolve(trainerWorkDir, 'base.npz')) };
}
