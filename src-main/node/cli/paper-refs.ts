/**
 * Every CLI command that names papers accepts either Facet's paper id or the key the paper came
 * with (a JSON/JSONL record's id, a BibTeX key, a CSL-JSON id, a RIS ID): the references are turned
 * into paper ids once, through papers.get (which finds a paper by either), before the command runs.
 */
import type { CoreHandlers } from '../../core/types.ts';

/** The fields of a parsed command that name papers. */
const SINGLE_REFS = ['id', 'a', 'b', 'keepId', 'dropId'] as const;

export async function resolvePaperRef(handlers: Pick<CoreHandlers, 'papers.get'>, ref: string): Promise<string> {
  return (await handlers['papers.get']({ id: ref })).id;
}

/** The command with every paper reference replaced by the paper's id (errors name the reference). */
export async function withPaperIds<C extends { name: string }>(handlers: Pick<CoreHandlers, 'papers.get'>, command: C): Promise<C> {
  // Also export's and delete's `ids`; `delete --undo` takes a token, not a paper, so it is left alone.
  const resolved: Record<string, unknown> = { ...command };
  for (const field of SINGLE_REFS) {
    const value = resolved[field];
    if (typeof value === 'string') resolved[field] = await resolvePaperRef(handlers, value);
  }
  const ids = resolved.ids;
  if (Array.isArray(ids)) resolved.ids = await Promise.all(ids.map((ref) => resolvePaperRef(handlers, String(ref))));
  return resolved as C;
}
