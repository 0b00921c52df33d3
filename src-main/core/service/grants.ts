/**
 * File and folder grants: what the renderer holds instead of paths. A front end that can show a
 * person a choice (the Electron shell's dialogs, the browser-mode server's command line) issues a
 * grant for what was chosen; the renderer passes the id back; the core resolves it to the path,
 * checking that it names the right kind of thing (one file, or a folder) for the right access.
 *
 * Ids are 32 random bytes, so a page cannot guess one, and a grant for writing is spent by its
 * first use (one save dialog, one export).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { FacetError } from '../../common/contract.ts';
import type { FileGrant, GrantAccess, GrantKind } from '../../common/contract-renderer.ts';

export interface GrantTarget {
  /** Absolute path of the chosen file or folder. */
  path: string;
  kind: GrantKind;
  access: GrantAccess;
}

interface Held extends GrantTarget {
  name: string;
  /** Spent by its first resolve. */
  once: boolean;
}

/** The part the core needs: turning an id into the path it stands for. */
export interface GrantResolver {
  /** The grant's path; throws BAD_REQUEST when `id` names no live grant of that kind and access. */
  resolve(id: string, need: { kind: GrantKind; access: GrantAccess }, request: string): string;
  list(): FileGrant[];
}

const ARTICLE: Record<GrantKind, string> = { file: 'a file', folder: 'a folder' };

/** Live grants kept at most; the oldest goes first (a long session picking many files stays bounded). */
export const MAX_LIVE_GRANTS = 1000;

export class GrantRegistry implements GrantResolver {
  private readonly held = new Map<string, Held>();

  /** Issues a grant; write grants are single-use unless `once` says otherwise. */
  issue(target: GrantTarget, options: { name?: string; once?: boolean } = {}): FileGrant {
    if (!path.isAbsolute(target.path) || target.path.includes('\0')) throw new FacetError('INTERNAL', 'a grant needs an absolute path');
    const id = randomBytes(32).toString('base64url');
    const held: Held = { ...target, path: path.normalize(target.path), name: options.name ?? target.path, once: options.once ?? target.access === 'write' };
    this.held.set(id, held);
    while (this.held.size > MAX_LIVE_GRANTS) this.held.delete(this.held.keys().next().value!);
    return grantOf(id, held);
  }

  resolve(id: string, need: { kind: GrantKind; access: GrantAccess }, request: string): string {
    const held = this.held.get(id);
    if (held === undefined) {
      throw new FacetError('BAD_REQUEST', `${request}: unknown or expired grant; choose the ${need.kind} again`);
    }
    if (held.kind !== need.kind || held.access !== need.access) {
      throw new FacetError('BAD_REQUEST', `${request}: the grant is for ${held.access === 'write' ? 'writing' : 'reading'} ${ARTICLE[held.kind]}, not for ${need.access === 'write' ? 'writing' : 'reading'} ${ARTICLE[need.kind]}`);
    }
    if (held.once) this.held.delete(id);
    return held.path;
  }

  revoke(id: string): boolean {
    return this.held.delete(id);
  }

  /** Live grants, oldest first. */
  list(): FileGrant[] {
    return [...this.held].map(([id, held]) => grantOf(id, held));
  }
}

function grantOf(id: string, held: Held): FileGrant {
  return { grant: id, name: held.name, kind: held.kind, access: held.access };
}
