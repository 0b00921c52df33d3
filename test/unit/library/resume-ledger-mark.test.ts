/** ResumeLedger.commit(mark): a consumer that reads ahead commits only what it stored. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ResumeLedger } from '../../../src-main/core/library/resume-ledger.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-ledger-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('commits the changes recorded up to a mark and keeps the later ones staged', () => {
  const file = path.join(dir, 'state.json');
  const ledger = ResumeLedger.open(file, { autoCommit: false });
  ledger.record('a', '1');
  ledger.record('b', '1');
  const mark = ledger.mark();
  ledger.record('c', '1');
  ledger.forget('a');
  ledger.commit(mark);
  expect(ledger.keys().sort()).toEqual(['a', 'b']);
  expect(ResumeLedger.open(file).keys().sort()).toEqual(['a', 'b']);
  // An older mark commits nothing more; the default commits the rest, in order.
  ledger.commit(mark);
  expect(ledger.keys().sort()).toEqual(['a', 'b']);
  ledger.commit();
  expect(ledger.keys().sort()).toEqual(['b', 'c']);
  expect(ResumeLedger.open(file).keys().sort()).toEqual(['b', 'c']);
  expect(ledger.mark()).toBe(4);
});

it('applies a key recorded twice in order, as the last stamp', () => {
  const ledger = ResumeLedger.open(path.join(dir, 'state.json'), { autoCommit: false });
  ledger.record('a', '1');
  ledger.record('a', '2');
  ledger.commit();
  expect(ledger.isDone('a', '2')).toBe(true);
  expect(ledger.isDone('a', '1')).toBe(false);
});
