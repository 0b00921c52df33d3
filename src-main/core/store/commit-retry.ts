/**
 * Table writes with Lance's commit conflicts handled. Facet's writer lock keeps its own processes
 * from writing at once, but a table written by an older Facet (no lock) or index upkeep racing a
 * commit can still meet "Retryable commit conflict". Such a commit was not applied, so it is safe
 * to run again; it is retried with growing pauses, and when it keeps conflicting the caller gets a
 * BUSY FacetError in Facet's words. Any other failure of the table becomes a FacetError too: the
 * native library's own text stays in `cause` (for logs and tests), never in the message a user sees.
 */
import { FacetError } from '../../common/contract.ts';

const CONFLICT = /commit conflict|retryable|concurrent (?:write|commit)|conflicting (?:transaction|commit)/i;
const DEFAULT_ATTEMPTS = 6;
const FIRST_PAUSE_MS = 50;

export function isCommitConflict(error: unknown): boolean {
  return error instanceof Error && !(error instanceof FacetError) && CONFLICT.test(error.message);
}

/** Runs `write` (a single table commit), retrying commit conflicts; `what` names it in errors ("storing 256 papers"). */
export async function withCommitRetry<T>(what: string, write: () => Promise<T>, attempts = DEFAULT_ATTEMPTS): Promise<T> {
  let pause = FIRST_PAUSE_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (error instanceof FacetError) throw error;
      if (isCommitConflict(error)) {
        if (attempt < attempts) {
          await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random())));
          pause *= 2;
          continue;
        }
        throw new FacetError('BUSY', `${what}: another process kept changing the library at the same time (${attempts} attempts); nothing was lost, try again`, { cause: error });
      }
      throw new FacetError('INTERNAL', `${what}: the library's table could not be written (${summarise(error)})`, { cause: error });
    }
  }
}

/**
 * A short reason without the native library's wording: the I/O kind when there is one (disk
 * full, permission), else a generic one. The whole text is kept in the error's cause.
 */
function summarise(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/no space left|ENOSPC/i.test(text)) return 'the disk is full';
  if (/permission denied|EACCES|EPERM/i.test(text)) return 'permission denied';
  if (/read-only file system|EROFS/i.test(text)) return 'the folder is read-only';
  if (/not found|No such file|ENOENT/i.test(text)) return 'a file of the table is missing';
  return 'storage error';
}
