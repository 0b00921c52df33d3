/** GrantRegistry: unguessable ids, resolution only for the kind and access issued, write grants spent once, bounded. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FacetError } from '../../../src-main/common/contract.ts';
import { GRANT_ID_PATTERN } from '../../../src-main/common/contract-renderer.ts';
import { GrantRegistry, MAX_LIVE_GRANTS } from '../../../src-main/core/service/grants.ts';

const file = path.resolve('/home/me/refs.bib');
const folder = path.resolve('/home/me/Papers');

function refusal(run: () => unknown): FacetError {
  try {
    run();
  } catch (error) {
    if (error instanceof FacetError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('GrantRegistry', () => {
  it('issues distinct ids of 32 random bytes that the renderer schema accepts', () => {
    const grants = new GrantRegistry();
    const ids = Array.from({ length: 50 }, () => grants.issue({ path: file, kind: 'file', access: 'read' }).grant);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(id).toMatch(GRANT_ID_PATTERN);
  });

  it('resolves a grant to its path for the kind and access it was issued for, and for nothing else', () => {
    const grants = new GrantRegistry();
    const read = grants.issue({ path: file, kind: 'file', access: 'read' });
    const dir = grants.issue({ path: folder, kind: 'folder', access: 'read' });
    expect(grants.resolve(read.grant, { kind: 'file', access: 'read' }, 'import.run')).toBe(file);
    expect(grants.resolve(read.grant, { kind: 'file', access: 'read' }, 'import.run')).toBe(file);
    expect(grants.resolve(dir.grant, { kind: 'folder', access: 'read' }, 'library.import')).toBe(folder);
    const wrongAccess = refusal(() => grants.resolve(read.grant, { kind: 'file', access: 'write' }, 'export.run'));
    expect(wrongAccess).toMatchObject({ code: 'BAD_REQUEST', message: 'export.run: the grant is for reading a file, not for writing a file' });
    expect(refusal(() => grants.resolve(dir.grant, { kind: 'file', access: 'read' }, 'import.run')).code).toBe('BAD_REQUEST');
    expect(refusal(() => grants.resolve('A'.repeat(43), { kind: 'file', access: 'read' }, 'import.run')).message).toBe('import.run: unknown or expired grant; choose the file again');
  });

  it('spends a write grant on its first use; revoke ends any grant', () => {
    const grants = new GrantRegistry();
    const write = grants.issue({ path: file, kind: 'file', access: 'write' });
    expect(grants.resolve(write.grant, { kind: 'file', access: 'write' }, 'export.run')).toBe(file);
    expect(refusal(() => grants.resolve(write.grant, { kind: 'file', access: 'write' }, 'export.run')).message).toContain('unknown or expired grant');
    const read = grants.issue({ path: folder, kind: 'folder', access: 'read' });
    expect(grants.list()).toEqual([read]);
    expect(grants.revoke(read.grant)).toBe(true);
    expect(grants.list()).toEqual([]);
  });

  it('refuses to issue for a relative path, and keeps at most MAX_LIVE_GRANTS, dropping the oldest', () => {
    const grants = new GrantRegistry();
    expect(refusal(() => grants.issue({ path: 'refs.bib', kind: 'file', access: 'read' })).code).toBe('INTERNAL');
    const first = grants.issue({ path: file, kind: 'file', access: 'read' });
    for (let n = 0; n < MAX_LIVE_GRANTS; n++) grants.issue({ path: file, kind: 'file', access: 'read' });
    expect(grants.list()).toHaveLength(MAX_LIVE_GRANTS);
    expect(grants.list().some((grant) => grant.grant === first.grant)).toBe(false);
  });
});
