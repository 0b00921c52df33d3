/**
 * The renderer-facing handler map: the core's handlers behind arguments that name files by grant.
 * Requests without files pass straight through; import.run, library.import and export.run have
 * each grant resolved to its path (GrantResolver checks kind and access) before the core's own
 * handler runs, so the core keeps one path-based implementation that the CLI calls directly.
 */
import type { ImportSource, LibrarySourceArg, ParsedArgs } from '../../common/contract.ts';
import type { RendererHandlers, RendererParsedArgs } from '../../common/contract-renderer.ts';
import type { CoreHandlers } from '../types.ts';
import type { GrantResolver } from './grants.ts';
import { cannotOpenFiles, openPaperFile, type FileOpener } from './paper-file.ts';

/** `openFile`: how this transport hands a paper's PDF to the system viewer. */
export function rendererHandlers(core: CoreHandlers, grants: GrantResolver, openFile: FileOpener = cannotOpenFiles): RendererHandlers {
  const importSource = (source: RendererParsedArgs<'import.run'>['sources'][number]): ImportSource =>
    source.kind === 'grant' ? { kind: 'file', path: grants.resolve(source.grant, { kind: 'file', access: 'read' }, 'import.run') } : source;

  const librarySource = (source: RendererParsedArgs<'library.import'>['source']): LibrarySourceArg => {
    const folder = () => grants.resolve('grant' in source ? source.grant : '', { kind: 'folder', access: 'read' }, 'library.import');
    if (source.kind === 'pdf-folder') return { kind: 'pdf-folder', path: folder() };
    if (source.kind === 'zotero') return { kind: 'zotero', dataDir: folder(), full: source.full };
    return source;
  };

  return {
    ...core,
    'import.run': async ({ sources }) => {
      // Every grant is checked before anything is imported.
      const resolved = sources.map(importSource);
      return core['import.run']({ sources: resolved });
    },
    'library.import': async ({ source, importId }) => core['library.import']({ source: librarySource(source), ...(importId !== undefined ? { importId } : {}) }),
    'export.run': async ({ saveTo, ...rest }) => {
      const args: ParsedArgs<'export.run'> = saveTo === undefined ? rest : { ...rest, path: grants.resolve(saveTo.grant, { kind: 'file', access: 'write' }, 'export.run') };
      return core['export.run'](args);
    },
    'grants.list': async () => grants.list(),
    'papers.openFile': ({ id }) => openPaperFile(core, id, openFile),
  };
}
