/** Runs `facet delete` (and `--undo`) and `facet edit` against the core. */
import { callRequest } from '../../common/dispatch.ts';
import type { FacetCore } from '../../core/service.ts';
import type { PaperCliCommand } from './paper-args.ts';

export async function runPaperCommand(core: FacetCore, command: PaperCliCommand, out: (t: string) => void, err: (t: string) => void): Promise<number> {
  if (command.name === 'delete') {
    if (command.undo !== undefined) {
      const result = await callRequest(core.handlers, 'papers.restore', { undoToken: command.undo });
      if (command.json) out(JSON.stringify(result, null, 2));
      else out(`Restored ${result.restored.length} paper(s)${result.alreadyPresent.length > 0 ? `; ${result.alreadyPresent.length} were in the library again already: ${result.alreadyPresent.join(', ')}` : ''}.`);
      return 0;
    }
    const titles = new Map<string, string>();
    for (const id of command.ids) {
      const paper = await core.handlers['papers.get']({ id }).catch(() => null);
      if (paper) titles.set(id, paper.title);
    }
    const result = await callRequest(core.handlers, 'papers.delete', { ids: command.ids });
    if (command.json) out(JSON.stringify(result, null, 2));
    else {
      for (const id of result.deleted) out(`deleted ${id}  ${titles.get(id) ?? ''}`.trimEnd());
      out(`Deleted ${result.deleted.length} paper(s)${result.readingKept > 0 ? ` (reading state of ${result.readingKept} kept for undo)` : ''}.`);
      err(`undo: facet delete --undo ${result.undoToken}`);
    }
    return 0;
  }
  const paper = await callRequest(core.handlers, 'papers.update', { id: command.id, patch: command.patch });
  if (command.json) out(JSON.stringify(paper, null, 2));
  else out(`${paper.id}: ${paper.title}${paper.year ? ` (${paper.year})` : ''}${paper.authors.length > 0 ? ` — ${paper.authors.join(', ')}` : ''}`);
  return 0;
}
