/**
 * `library.duplicates` and `library.merge` over the store, with the duplicate finder and merge
 * rules (core/library). Reading state moves through the reading.* handlers, so the reading store's
 * own checks and change events apply.
 */
import {
  FacetError,
  type DuplicatePair,
  type DuplicatePaperSummary,
  type LibraryMergeResult,
  type Paper,
  type ReadingPatch,
  type ReadingState,
} from '../../common/contract.ts';
import { dedupKeys, normaliseTitle } from '../import/index.ts';
import type { Tagger } from '../ingest/index.ts';
import { findDuplicateCandidates, mergeReadingValues, mergeRecords, type DuplicatePaper, type LibraryRecord } from '../library/index.ts';
import type { PaperStore } from '../store/index.ts';
import type { CoreHandlers, Embedder } from '../types.ts';
import { pairKey } from './not-duplicates.ts';

/** Ids per store lookup: keeps each `id IN (…)` filter small. */
const LOOKUP_CHUNK = 500;
/** The reading store's caps (contract: readingPatchSchema). */
const MAX_READING_TAGS = 200;
const MAX_NOTE_LENGTH = 8 * 1024 * 1024;

/** Near-duplicate pairs, best first, leaving out pairs whose pairKey is in `dismissed` ("not a duplicate"). */
export async function findDuplicates(store: PaperStore, limit: number, minCosine: number | undefined, dismissed: ReadonlySet<string> = new Set()): Promise<DuplicatePair[]> {
  const vectors = await store.allVectors('generic');
  const ids = [...vectors.keys()];
  const papers: Paper[] = [];
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) papers.push(...(await store.getMany(ids.slice(i, i + LOOKUP_CHUNK))));
  const inputs: DuplicatePaper[] = papers.map((p) => ({ id: p.id, title: p.title, authors: p.authors, year: p.year, arxivId: p.arxivId, doi: p.doi }));
  const byId = new Map(papers.map((p) => [p.id, p]));
  const candidates = findDuplicateCandidates(inputs, vectors, minCosine === undefined ? {} : { minCosine });
  return candidates
    .filter((c) => !dismissed.has(pairKey(c.a, c.b)))
    .sort((x, y) => y.score - x.score)
    .slice(0, limit)
    .map((c) => ({
      a: duplicateSummary(byId.get(c.a)!),
      b: duplicateSummary(byId.get(c.b)!),
      score: c.score,
      cosine: c.cosine,
      titleSimilarity: c.titleSimilarity,
      reason: c.reason,
    }));
}

function duplicateSummary(p: Paper): DuplicatePaperSummary {
  return { id: p.id, title: p.title, authors: p.authors, year: p.year, arxivId: p.arxivId, doi: p.doi, venue: p.venue, filePath: p.filePath ?? null };
}

export interface MergeContext {
  store: PaperStore;
  embedder: Embedder;
  tagger: Tagger;
  reading: Pick<CoreHandlers, 'reading.get' | 'reading.set'>;
}

/**
 * Merges paper `aId` and `bId`: the richer record is kept and filled in from the other, the
 * reading states are merged onto the kept paper, the kept row is rewritten (re-embedded when its
 * digest changed; dedup keys of both, so re-importing either version stays a duplicate), and the
 * other paper is deleted.
 */
export async function mergeLibraryPapers(ctx: MergeContext, aId: string, bId: string, keep: 'richer' | 'a' = 'richer'): Promise<LibraryMergeResult> {
  if (aId === bId) throw new FacetError('BAD_REQUEST', `library.merge: both ids are ${JSON.stringify(aId)}`);
  const [a, b] = await Promise.all([requirePaper(ctx.store, aId), requirePaper(ctx.store, bId)]);
  const [aIdentity, bIdentity] = await Promise.all([ctx.store.identityOf(aId), ctx.store.identityOf(bId)]);
  let readingMoved = false;
  const { merged, kept: richer } = mergeRecords(recordOf(a), recordOf(b));
  const [keptId, retiredId] = keep === 'a' || richer === 'a' ? [a.id, b.id] : [b.id, a.id];
  const moveState = async (kept: string, retired: string) => {
    const [keptState, retiredState] = await Promise.all([ctx.reading['reading.get']({ id: kept }), ctx.reading['reading.get']({ id: retired })]);
    if (!retiredState) return;
    const values = mergeReadingValues(keptState ? readingValues(keptState) : null, readingValues(retiredState))!;
    const patch: ReadingPatch = {
      status: values.status,
      tags: values.tags.slice(0, MAX_READING_TAGS),
      note: values.note.slice(0, MAX_NOTE_LENGTH),
      rating: values.rating,
      notRelevant: values.notRelevant,
    };
    await ctx.reading['reading.set']({ id: kept, patch });
    await ctx.reading['reading.set']({ id: retired, patch: { status: 'none', tags: [], note: '', rating: null, notRelevant: false } });
    readingMoved = true;
  };
  await moveState(keptId, retiredId);
  const keptPaper = keptId === a.id ? a : b;
  const digestChanged = merged.title !== keptPaper.title || merged.abstract !== keptPaper.abstract;
  let vectors = null;
  if (!merged.pending) {
    if (digestChanged || !keptPaper.embedded) {
      const [embedded] = await ctx.embedder.embed([{ title: merged.title, abstract: merged.abstract }]);
      if (!embedded) throw new FacetError('MODEL', 'the embedder returned no vector for the merged paper');
      vectors = embedded;
    } else {
      vectors = await ctx.store.aspectVectorsOf(keptId);
    }
  }
  const keys = [...new Set([...(aIdentity?.dedupKeys ?? []), ...(bIdentity?.dedupKeys ?? []), ...dedupKeys(merged)])];
  const recordKey = (keptId === a.id ? aIdentity : bIdentity)?.library.recordKey ?? (keptId === a.id ? bIdentity : aIdentity)?.library.recordKey;
  await ctx.store.replacePapers([
    {
      id: keptId,
      title: merged.title,
      abstract: merged.abstract,
      authors: merged.authors,
      year: merged.year,
      date: merged.date,
      venue: merged.venue,
      arxivId: merged.arxivId,
      doi: merged.doi,
      url: merged.url,
      sourceFile: keptPaper.sourceFile,
      sourceLine: keptPaper.sourceLine,
      normTitle: normaliseTitle(merged.title),
      terms: digestChanged && !merged.pending ? ctx.tagger.tag(merged.title, merged.abstract) : keptPaper.terms,
      dedupKeys: keys,
      vectors,
      pending: merged.pending === true,
      library: {
        ...(merged.filePath ? { filePath: merged.filePath } : {}),
        ...(merged.collections ? { collections: merged.collections } : {}),
        ...(merged.tags ? { tags: merged.tags } : {}),
        ...(recordKey ? { recordKey } : {}),
      },
    },
  ]);
  await ctx.store.deletePapers([retiredId]);
  return { keptId, retiredId, readingMoved };
}

async function requirePaper(store: PaperStore, id: string): Promise<Paper> {
  const paper = await store.get(id);
  if (!paper) throw new FacetError('NOT_FOUND', `no paper with id ${JSON.stringify(id)}`);
  return paper;
}

function recordOf(paper: Paper): LibraryRecord {
  return {
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors,
    year: paper.year,
    date: paper.date,
    venue: paper.venue,
    arxivId: paper.arxivId,
    doi: paper.doi,
    url: paper.url,
    sourceLine: paper.sourceLine,
    recordKey: null,
    ...(paper.filePath ? { filePath: paper.filePath } : {}),
    ...(paper.collections && paper.collections.length > 0 ? { collections: paper.collections } : {}),
    ...(paper.tags && paper.tags.length > 0 ? { tags: paper.tags } : {}),
    ...(paper.pending ? { pending: true } : {}),
  };
}

function readingValues(state: ReadingState) {
  return { status: state.status, tags: state.tags, note: state.note, rating: state.rating, notRelevant: state.notRelevant };
}
