/**
 * One entry point for the service: a local-library source (PDF folder, Zotero data folder,
 * identifier list) streamed as LibraryItems, with its resume state kept under `stateDir`.
 * LibraryItem is assignable to ImportItem (LibraryRecord extends ParsedRecord), so the service's
 * import loop can consume these streams as it consumes readSource; `removed` items (Zotero items
 * deleted since the last sync) come only from Zotero sources. A batch-writing consumer uses
 * openLibrarySource with autoCommit: false and calls commit() after each stored batch.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { FileCheckpoint } from './checkpoint.ts';
import { scanIdentifiers, readIdentifierList, type IdentifierSource } from './identifier-list.ts';
import type { MetadataFetcher } from './metadata-fetch.ts';
import { scanPdfFolder, type ScanPdfFolderOptions } from './pdf-folder.ts';
import { problemOf, type ProgressListener } from './types.ts';
import type { ResumeLedger } from './resume-ledger.ts';
import { openZoteroSyncState, readZoteroLibrary, type ZoteroLibraryItem } from './zotero.ts';

export type LibrarySource =
  | { kind: 'pdf-folder'; path: string }
  | { kind: 'zotero'; dataDir: string; full?: boolean }
  | { kind: 'identifiers'; name: string; text: string }
  | { kind: 'identifiers-file'; path: string };

export interface ReadLibraryOptions {
  /** Folder for checkpoints and sync state (e.g. <dataDir>/library-state). Without it nothing resumes. */
  stateDir?: string;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Fills identifier stubs in from arXiv / Crossref. Only a fetcher made with allowNetwork: true exists. */
  fetcher?: MetadataFetcher;
  /**
   * False: nothing counts as done until `commit()` (call it after each batch is durably stored), so
   * a crash redoes the uncommitted items instead of losing them. Default true (done once the next
   * item is asked for).
   */
  autoCommit?: boolean;
  /** How PDF folders read each file (e.g. a WorkerPdfReader's `read`); in-thread by default. */
  readPdf?: ScanPdfFolderOptions['readPdf'];
}

/** An opened library source: its items, and the commit that makes progress durable. */
export interface OpenedLibrarySource {
  name: string;
  items: AsyncIterable<ZoteroLibraryItem>;
  /**
   * The point the resume state has reached (items handed out so far, less the last one, which
   * the reader records when the next is asked for): where a batch ends, for `commit(mark)`.
   */
  mark(): number;
  /** Marks the items up to `through` (a `mark()`; every item so far by default) as done in the resume state (no-op without stateDir). */
  commit(through?: number): void;
}

/**
 * Opens a source for a batch-writing consumer. Throws (naming the file) when its resume state is
 * not readable, before any item is read.
 */
export function openLibrarySource(source: LibrarySource, options: ReadLibraryOptions = {}): OpenedLibrarySource {
  const { stateDir } = options;
  const autoCommit = options.autoCommit ?? true;
  const name = librarySourceName(source);
  let ledger: { mark(): number; commit(through?: number): void } | null = null;
  let checkpoint: FileCheckpoint | undefined;
  let syncState: ResumeLedger | undefined;
  if (stateDir && source.kind === 'pdf-folder') {
    checkpoint = FileCheckpoint.open(stateFileFor(stateDir, source), { autoCommit });
    ledger = checkpoint;
  } else if (stateDir && source.kind === 'zotero') {
    syncState = openZoteroSyncState(stateFileFor(stateDir, source), source.dataDir, { autoCommit });
    ledger = syncState;
  }
  return {
    name,
    items: readWith(source, options, checkpoint, syncState),
    mark: () => ledger?.mark() ?? 0,
    commit: (through) => ledger?.commit(through),
  };
}


export function librarySourceName(source: LibrarySource): string {
  switch (source.kind) {
    case 'pdf-folder':
    case 'identifiers-file':
      return source.path;
    case 'zotero':
      return path.join(source.dataDir, 'zotero.sqlite');
    case 'identifiers':
      return source.name;
  }
}

/** Where a source's resume state lives: one file or folder per source, named by a hash of its path. */
export function stateFileFor(stateDir: string, source: LibrarySource): string {
  const hash = (text: string) => createHash('sha1').update(path.resolve(text)).digest('hex').slice(0, 16);
  if (source.kind === 'pdf-folder') return path.join(stateDir, `pdf-folder-${hash(source.path)}.json`);
  if (source.kind === 'zotero') return path.join(stateDir, `zotero-${hash(source.dataDir)}`);
  return path.join(stateDir, 'identifiers');
}

/** Streams a source with auto-commit resume state (see openLibrarySource for batch writers). */
export async function* readLibrarySource(source: LibrarySource, options: ReadLibraryOptions = {}): AsyncGenerator<ZoteroLibraryItem> {
  let opened: OpenedLibrarySource;
  try {
    opened = openLibrarySource(source, { ...options, autoCommit: true });
  } catch (error) {
    yield { kind: 'problem', problem: problemOf(librarySourceName(source), 'error', (error as Error).message) };
    return;
  }
  yield* opened.items;
}

async function* readWith(source: LibrarySource, options: ReadLibraryOptions, checkpoint: FileCheckpoint | undefined, syncState: ResumeLedger | undefined): AsyncGenerator<ZoteroLibraryItem> {
  const { signal, onProgress } = options;
  const common = { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) };
  switch (source.kind) {
    case 'pdf-folder':
      yield* scanPdfFolder(source.path, { ...common, ...(checkpoint ? { checkpoint } : {}), ...(options.readPdf ? { readPdf: options.readPdf } : {}) });
      return;
    case 'zotero':
      yield* readZoteroLibrary(source.dataDir, { ...common, ...(syncState ? { syncState } : {}), ...(source.full ? { full: true } : {}) });
      return;
    case 'identifiers':
    case 'identifiers-file': {
      const identifierSource: IdentifierSource = source.kind === 'identifiers' ? { kind: 'text', name: source.name, text: source.text } : { kind: 'file', path: source.path };
      if (!options.fetcher) {
        yield* readIdentifierList(identifierSource, signal);
        return;
      }
      const ids = (async function* () {
        for await (const found of scanIdentifiers(identifierSource, signal)) yield found.identifier;
      })();
      yield* options.fetcher.resolve(ids, librarySourceName(source));
      return;
    }
  }
}
