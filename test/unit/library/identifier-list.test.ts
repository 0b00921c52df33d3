import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { identifiersInLine, readIdentifierList, scanIdentifiers } from '../../../src-main/core/library/identifier-list.ts';
import type { LibraryItem } from '../../../src-main/core/library/types.ts';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('identifiersInLine', () => {
  it.each([
    ['arXiv:2205.13147v2.', [{ kind: 'arxiv', id: '2205.13147' }]],
    ['https://arxiv.org/pdf/2205.13147v1.pdf', [{ kind: 'arxiv', id: '2205.13147' }]],
    ['http://export.arxiv.org/abs/cond-mat/0102536v1,', [{ kind: 'arxiv', id: 'cond-mat/0102536' }]],
    ['see hep-th/9901001v3; and math.GT/0309136.', [{ kind: 'arxiv', id: 'hep-th/9901001' }, { kind: 'arxiv', id: 'math.GT/0309136' }]],
    ['2205.13147, 1706.03762v5)', [{ kind: 'arxiv', id: '2205.13147' }, { kind: 'arxiv', id: '1706.03762' }]],
    ['https://doi.org/10.1145/3529372.3530912.', [{ kind: 'doi', doi: '10.1145/3529372.3530912' }]],
    ['(doi:10.1000/XYZ123);', [{ kind: 'doi', doi: '10.1000/xyz123' }]],
    ['https://dx.doi.org/10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0', [{ kind: 'doi', doi: '10.1002/(sici)1097-4571(199806)49:8' }]],
    ['DOI 10.48550/arXiv.2106.01234!', [{ kind: 'arxiv', id: '2106.01234' }]],
  ])('finds the ids in %j', (line, expected) => {
    expect(identifiersInLine(line)).toEqual(expected);
  });

  it('ignores numbers that are not ids', () => {
    expect(identifiersInLine('version 12.1234, pi 3.14159, 2013.0001 (no month 13), 10.5.2, page 1706.037')).toEqual([]);
  });
});

describe('readIdentifierList', () => {
  it('makes one clearly marked pending stub per distinct paper', async () => {
    const text = 'Reading list:\n- arXiv:2205.13147v1\n- https://arxiv.org/abs/2205.13147v2 (same paper)\n- doi:10.1145/3529372.3530912.\n';
    const items: LibraryItem[] = await collect(readIdentifierList({ kind: 'text', name: 'pasted text', text }));
    expect(items).toEqual([
      {
        kind: 'record',
        record: expect.objectContaining({ title: 'arXiv:2205.13147 (metadata pending)', pending: true, arxivId: '2205.13147', abstract: '', sourceLine: 2 }),
      },
      {
        kind: 'record',
        record: expect.objectContaining({ title: 'doi:10.1145/3529372.3530912 (metadata pending)', pending: true, doi: '10.1145/3529372.3530912', sourceLine: 4 }),
      },
    ]);
  });

  it('says so when a source holds no identifiers', async () => {
    const items = await collect(readIdentifierList({ kind: 'text', name: 'pasted text', text: 'nothing here' }));
    expect(items).toEqual([{ kind: 'problem', problem: expect.objectContaining({ severity: 'error', message: 'no arXiv ids, arXiv URLs or DOIs found in pasted text' }) }]);
  });

  it('handles 5 MB of pasted text quickly', async () => {
    const lines: string[] = [];
    let size = 0;
    for (let n = 0; size < 5 * 1024 * 1024; n++) {
      const month = String((n % 12) + 1).padStart(2, '0');
      const line = n % 3 === 0 ? `https://arxiv.org/abs/${21 + Math.floor(n / 100000)}${month}.${String(n % 100000).padStart(5, '0')}v2, some words around it;` : n % 3 === 1 ? `doi: 10.5555/test.${n}.` : `prose without ids, number ${n}`;
      lines.push(line);
      size += line.length + 1;
    }
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    const started = Date.now();
    const found = await collect(scanIdentifiers({ kind: 'text', name: 'big paste', text }));
    const elapsed = Date.now() - started;
    expect(found).toHaveLength(lines.filter((line) => !line.startsWith('prose')).length);
    expect(found[1]).toEqual({ identifier: { kind: 'doi', doi: '10.5555/test.1' }, line: 2 });
    expect(elapsed).toBeLessThan(10_000);
  });

  it('reads a file line by line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-ids-'));
    try {
      const file = path.join(dir, 'ids.txt');
      fs.writeFileSync(file, '1706.03762\r\nhep-th/9901001\r\n');
      const found = await collect(scanIdentifiers({ kind: 'file', path: file }));
      expect(found.map((f) => f.identifier)).toEqual([{ kind: 'arxiv', id: '1706.03762' }, { kind: 'arxiv', id: 'hep-th/9901001' }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
