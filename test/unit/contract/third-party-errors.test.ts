/**
 * No raw third-party error text reaches a person: an error raised inside LanceDB (here a real
 * one, from a query on a fresh temporary table) travels as INTERNAL in Facet's words, while
 * Facet's own errors keep their message. The CLI prints the raw error only when asked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FacetError, thirdPartyOrigin } from '../../../src-main/common/contract.ts';
import { failureText } from '../../../src-main/node/cli/failure-text.ts';

let dir: string;
let lanceError: Error;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-third-party-errors-'));
  const db = await lancedb.connect(dir);
  const table = await db.createTable('papers', [{ id: 'a', year: 2024 }]);
  lanceError = await table.countRows('no_such_column = 3').then(
    () => new Error('the query unexpectedly succeeded'),
    (error: unknown) => error as Error,
  );
  table.close();
  db.close();
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('errors raised inside dependencies', () => {
  it('knows a LanceDB error by its native text, and Facet\'s own errors as Facet\'s', () => {
    expect(lanceError.message).toMatch(/lance error/);
    expect(thirdPartyOrigin(lanceError)).toBe('@lancedb/lancedb');
    expect(thirdPartyOrigin(new Error('aspect name list x.json: "tasks" is not a list of strings'))).toBeNull();
    expect(thirdPartyOrigin(new FacetError('NOT_FOUND', 'no paper with id "x"'))).toBeNull();
    expect(thirdPartyOrigin('a thrown string')).toBeNull();
  });

  it('knows an error thrown in a package by its first stack frame', () => {
    const error = new Error('Invalid typed array length: 7');
    error.stack = 'RangeError: Invalid typed array length: 7\n    at new Float32Array (<anonymous>)\n    at Tensor (/app/node_modules/onnxruntime-node/dist/backend.js:12:3)';
    // V8's builtin frame is passed over: the first frame in a file lies in the package.
    expect(thirdPartyOrigin(error)).toBe('onnxruntime-node');
    // Node's own modules are passed over too: an fs error raised from Facet's code is Facet's.
    error.stack = "Error: ENOENT: no such file or directory, open '/x'\n    at Object.openSync (node:fs:573:18)\n    at readJson (/app/out/node/cli.js:10:3)";
    expect(thirdPartyOrigin(error)).toBeNull();
  });

  it('sends INTERNAL in Facet\'s words over the wire, without a word of the raw text', () => {
    const wire = FacetError.toWire(lanceError);
    expect(wire.code).toBe('INTERNAL');
    expect(wire.message).toBe("Facet hit an internal error in its paper storage (LanceDB); the details are in Facet's log. Try again, and restart Facet if it keeps happening.");
    expect(wire.message).not.toMatch(/lance error|no_such_column|\.rs:/);
    expect(FacetError.toWire(new Error('reading store at /x is closed'))).toEqual({ code: 'INTERNAL', message: 'reading store at /x is closed' });
  });

  it('prints the raw error on the CLI only with FACET_DEBUG=1', () => {
    const plain = failureText(lanceError, false);
    expect(plain).toMatch(/^Facet hit an internal error in its paper storage \(LanceDB\); FACET_DEBUG=1 prints the details\./);
    expect(plain).not.toMatch(/no_such_column/);
    expect(failureText(lanceError, true)).toContain('no_such_column');
    expect(failureText(new FacetError('BUSY', 'the library is busy'), false)).toBe('the library is busy');
  });
});
