/**
 * What the CLI says on stderr about work that is not the command's own: waiting for another
 * process that is writing the library, and rebuilding indexes an earlier run left incomplete.
 */
import type { Writable } from 'node:stream';
import { INDEX_REPAIR_ID } from '../../core/service/library-upkeep.ts';
import type { FacetCore } from '../../core/service.ts';

export function noteLibraryUpkeep(core: FacetCore, stderr: Writable): void {
  core.events.on('library.onDidWaitForWriter', (wait) => stderr.write(`facet: ${wait.message}\n`));
  core.events.on('library.onDidProgress', (progress) => {
    if (progress.importId === INDEX_REPAIR_ID && progress.done === 0) stderr.write('facet: rebuilding search indexes an earlier run left incomplete…\n');
  });
}
