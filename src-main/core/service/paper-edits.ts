/**
 * papers.delete / papers.restore / papers.update: removing papers with undo, and editing a paper's
 * metadata. All three are writes and run on the service's write queue.
 *
 * A deletion keeps the papers' stored rows (without vectors: restoring embeds them again) and
 * their reading state in `<dataDir>/deleted/<token>.json`, written before anything is deleted, so
 * a crash in between loses nothing. Files older than DELETED_KEPT_DAYS are pruned on every delete.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DELETED_KEPT_DAYS, FacetError, type Paper, type PaperPatch, type ReadingPatch, type RequestName } from '../../common/contract.ts';
import { patchSourceRecord } from '../export/source-patch.ts';
import { dedupKeys, normaliseDoi, normaliseTitle, parseArxivId } from '../import/index.ts';
import type { PaperStore, StoredContentRow } from '../store/index.ts';
import type { AspectVectors, CoreHandlers, Embedder } from '../types.ts';
import { readJsonOrNull, writeJsonAtomic } from '../util/atomic-file.ts';
import type { FacetEventEmitter } from './events.ts';
import type { Tagger } from '../ingest/index.ts';
import { paperLinks } from './paper-links.ts';
import type { SerialQueue } from './serial-queue.ts';

export type PaperEditRequestName = Extract<RequestName, 'papers.delete' | 'papers.restore' | 'papers.update'>;
export type PaperEditHandlers = Pick<CoreHandlers, PaperEditRequestName>;

export const DELETED_DIR = 'deleted';

export interface PaperEditOptions {
  dataDir: string;
  store: PaperStore;
  embedder: Embedder;
  tagger: Tagger;
  events: FacetEventEmitter;
  writes: SerialQueue;
  reading: Pick<CoreHandlers, 'reading.get' | 'reading.set'>;
  isClosing: () => boolean;
  /** "Now", for pruning (tests). */
  now?: () => number;
}

/** What one deletion keeps for undo. */
interface DeletedBatch {
  format: 1;
  deletedAt: string;
  rows: StoredContentRow[];
  reading: Record<string, ReadingPatch>;
}

const CLEARED: ReadingPatch = { status: 'none', tags: [], note: '', rating: null, notRelevant: false };

export function openPaperEdits(options: PaperEditOptions): PaperEditHandlers {
  const { store, embedder, events, writes, reading } = options;
  const now = options.now ?? Date.now;
  const deletedDir = path.join(options.dataDir, DELETED_DIR);
  const batchFile = (token: string) => path.join(deletedDir, `${token}.json`);

  const write = <T>(work: () => Promise<T>): Promise<T> =>
    writes.run(async () => {
      if (options.isClosing()) throw new FacetError('INTERNAL', 'the library is closing');
      return work();
    });

  const changed = async () => events.emit('library.onDidChange', { papers: await store.count() });

  return {
    'papers.delete': ({ ids }) =>
      write(async () => {
        const unique = [...new Set(ids)];
        const rows = await store.contentRowsOf(unique);
        if (rows.length < unique.length) {
          const found = new Set(rows.map((row) => row.id));
          const missing = unique.filter((id) => !found.has(id));
          throw new FacetError('NOT_FOUND', `no paper with id ${missing.slice(0, 5).map((id) => JSON.stringify(id)).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
        }
        const kept: Record<string, ReadingPatch> = {};
        for (const id of unique) {
          const state = await reading['reading.get']({ id });
          if (state) kept[id] = { status: state.status, tags: state.tags, note: state.note, rating: state.rating, notRelevant: state.notRelevant };
        }
        const token = randomUUID();
        pruneDeleted(deletedDir, now());
        const batch: DeletedBatch = { format: 1, deletedAt: new Date(now()).toISOString(), rows, reading: kept };
        writeJsonAtomic(batchFile(token), batch);
        // Reading state goes with the paper: a re-import of the same paper later starts clean.
        for (const id of Object.keys(kept)) await reading['reading.set']({ id, patch: CLEARED });
        await store.deletePapers(unique);
        await changed();
        return { deleted: unique, undoToken: token, readingKept: Object.keys(kept).length };
      }),

    'papers.restore': ({ undoToken }) =>
      write(async () => {
        if (!/^[\w-]+$/.test(undoToken)) throw new FacetError('BAD_REQUEST', 'papers.restore: not an undo token');
        const batch = readJsonOrNull(batchFile(undoToken)) as DeletedBatch | null;
        if (!batch) throw new FacetError('NOT_FOUND', `nothing to restore for this undo token (deleted papers are kept ${DELETED_KEPT_DAYS} days)`);
        const toEmbed = batch.rows.filter((row) => !row.pending);
        const vectors = new Map<string, AspectVectors>();
        const embedded = toEmbed.length > 0 ? await embedder.embed(toEmbed.map((row) => ({ title: row.title, abstract: row.abstract }))) : [];
        toEmbed.forEach((row, i) => vectors.set(row.id, embedded[i]!));
        const alreadyPresent = await store.restoreContentRows(batch.rows, vectors);
        const restored = batch.rows.map((row) => row.id).filter((id) => !alreadyPresent.includes(id));
        for (const id of restored) {
          const patch = batch.reading[id];
          if (patch) await reading['reading.set']({ id, patch });
        }
        await store.refreshIndexes();
        fs.rmSync(batchFile(undoToken), { force: true });
        await changed();
        return { restored, alreadyPresent };
      }),

    'papers.update': ({ id, patch }) =>
      write(async () => {
        await writePaperEdit(options, id, patch);
        await store.refreshIndexes();
        await changed();
        const stored = (await store.get(id)) as Paper;
        return { ...stored, links: paperLinks(stored) };
      }),
  };
}

/** An edit refused because another stored paper already has the identifier it sets. */
export class EditClashError extends FacetError {
  constructor(
    readonly otherId: string,
    what: 'DOI' | 'arXiv id',
  ) {
    super('BAD_REQUEST', `another paper (${otherId}) has this ${what}: merge the two instead`);
  }
}

export type PaperEditContext = Pick<PaperEditOptions, 'store' | 'embedder' | 'tagger'>;

/**
 * Writes one metadata edit of a stored paper, without taking the write queue (the caller holds
 * it) and without refreshing indexes or emitting library.onDidChange (the caller does, once).
 * Keeps dedup keys (old ones stay), the source record, tags and vectors in step with the edit.
 * `fillDate` sets the full date where the paper has none (a fetched record's date).
 * Throws NOT_FOUND for an unknown id and EditClashError when another paper has a new identifier.
 */
export async function writePaperEdit(ctx: PaperEditContext, id: string, patch: PaperPatch, fillDate?: string | null): Promise<void> {
  const { store } = ctx;
  const paper = await store.get(id);
  if (!paper) throw new FacetError('NOT_FOUND', `no paper with id ${JSON.stringify(id)}`);
  const edit = normaliseEdit(patch);
  const next = { ...paper, ...edit };
  const identity = await store.identityOf(id);
  const newKeys = dedupKeys(next).filter((key) => !(identity?.dedupKeys ?? []).includes(key) && !key.startsWith('title:'));
  const clash = newKeys.length > 0 ? await store.idsSharingDedupKeys(newKeys, id) : [];
  if (clash.length > 0) throw new EditClashError(clash[0]!, newKeys.some((key) => key.startsWith('doi:')) ? 'DOI' : 'arXiv id');
  const sources = await store.sourceRecordsOf([id]);
  const source = sources.get(id);
  const vectors = paper.pending ? null : await embedOne(ctx.embedder, next.title, next.abstract);
  const keptDate = edit.year !== undefined && paper.date?.slice(0, 4) !== String(edit.year) ? null : paper.date;
  await store.replacePapers([
    {
      id,
      title: next.title,
      abstract: next.abstract,
      authors: next.authors,
      year: next.year,
      date: keptDate ?? fillDate ?? null,
      venue: next.venue,
      arxivId: next.arxivId,
      doi: next.doi,
      url: next.url,
      sourceFile: paper.sourceFile,
      sourceLine: paper.sourceLine,
      normTitle: normaliseTitle(next.title),
      terms: ctx.tagger.tag(next.title, next.abstract),
      // The old keys stay: re-importing the paper as it was still finds it.
      dedupKeys: [...new Set([...(identity?.dedupKeys ?? []), ...dedupKeys(next)])],
      vectors,
      pending: paper.pending === true,
      library: identity?.library ?? {},
      ...(source ? { sourceRecord: patchSourceRecord(source, edit) } : {}),
    },
  ]);
}

async function embedOne(embedder: Embedder, title: string, abstract: string): Promise<AspectVectors> {
  const [vectors] = await embedder.embed([{ title, abstract }]);
  if (!vectors) throw new FacetError('MODEL', 'the embedder returned no vector for the paper');
  return vectors;
}

/** The patch with identifiers in their stored form; a malformed arXiv id or DOI is a BAD_REQUEST naming it. */
function normaliseEdit(patch: PaperPatch): Partial<Pick<Paper, 'title' | 'authors' | 'year' | 'venue' | 'arxivId' | 'doi' | 'url' | 'abstract'>> {
  const edit: Partial<Pick<Paper, 'title' | 'authors' | 'year' | 'venue' | 'arxivId' | 'doi' | 'url' | 'abstract'>> = {};
  if (patch.title !== undefined) edit.title = patch.title;
  if (patch.authors !== undefined) edit.authors = patch.authors;
  if (patch.year !== undefined) edit.year = patch.year;
  if (patch.venue !== undefined) edit.venue = patch.venue;
  if (patch.url !== undefined) edit.url = patch.url;
  if (patch.abstract !== undefined) edit.abstract = patch.abstract.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').trim();
  if (patch.arxivId !== undefined) {
    const arxivId = patch.arxivId === null ? null : parseArxivId(patch.arxivId) ?? parseArxivId(`arXiv:${patch.arxivId}`);
    if (patch.arxivId !== null && arxivId === null) throw new FacetError('BAD_REQUEST', `papers.update: ${JSON.stringify(patch.arxivId)} is not an arXiv id`);
    edit.arxivId = arxivId;
  }
  if (patch.doi !== undefined) {
    const doi = patch.doi === null ? null : normaliseDoi(patch.doi);
    if (patch.doi !== null && doi === null) throw new FacetError('BAD_REQUEST', `papers.update: ${JSON.stringify(patch.doi)} is not a DOI`);
    edit.doi = doi;
  }
  return edit;
}

/** Deletes kept batches older than DELETED_KEPT_DAYS. */
function pruneDeleted(dir: string, now: number): void {
  if (!fs.existsSync(dir)) return;
  const cutoff = now - DELETED_KEPT_DAYS * 24 * 3600 * 1000;
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(dir, name);
    try {
      const batch = readJsonOrNull(file) as DeletedBatch | null;
      const deletedAt = batch ? Date.parse(batch.deletedAt) : fs.statSync(file).mtimeMs;
      if (deletedAt < cutoff) fs.rmSync(file, { force: true });
    } catch {
      // An unreadable leftover is not worth failing a deletion over; it is tried again next time.
    }
  }
}
