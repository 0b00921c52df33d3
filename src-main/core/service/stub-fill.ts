/**
 * Filling stored identifier stubs in place with fetched metadata (library.resolvePending, and a
 * re-import of an identifier list once network use is on).
 *
 * Promises:
 * - The stub keeps its paper id, so its reading state (keyed by id) stays as it was; its import
 *   place and the source it was listed in stay too.
 * - The stub's made-up title ("arXiv:… (metadata pending)") stops being a dedup key; its arXiv id
 *   and DOI keys stay, and the fetched record's keys are added.
 * - A batch is one atomic table write (replacePapers), with the new vectors.
 */
import { FacetError, type Paper } from '../../common/contract.ts';
import { dedupKeys, normaliseTitle, paperIdFor } from '../import/index.ts';
import { embedDigests, paperFieldsOf, type Tagger } from '../ingest/index.ts';
import type { LibraryRecord } from '../library/index.ts';
import type { NewPaper, PaperStore } from '../store/index.ts';
import type { CoreHandlers, Embedder, ParsedRecord } from '../types.ts';
import { mergeLibraryPapers } from './library-duplicates.ts';

export interface StubFillContext {
  store: PaperStore;
  embedder: Embedder;
  tagger: Tagger;
  /** Moves reading state when a filled stub turns out to be a paper already stored (see mergeFilledDuplicates). */
  reading: Pick<CoreHandlers, 'reading.get' | 'reading.set'>;
}

export interface StubFill {
  stub: Paper;
  record: LibraryRecord;
}

/** The ids a stored stub for the record's arXiv id or DOI has (a stub is named after its identifier). */
export function stubIdsOf(record: Pick<ParsedRecord, 'arxivId' | 'doi'>): string[] {
  const ids: string[] = [];
  if (record.arxivId) ids.push(paperIdFor({ arxivId: record.arxivId, doi: null, title: '' }));
  if (record.doi) ids.push(paperIdFor({ arxivId: null, doi: record.doi, title: '' }));
  return ids;
}

/**
 * Pairs fetched records with the stored pending stubs they fill (by arXiv id, then DOI). Records
 * without a stub, still-pending records, and a second record for a stub already taken are left out.
 */
export async function pairWithStubs(store: PaperStore, records: readonly LibraryRecord[]): Promise<{ fills: StubFill[]; unmatched: LibraryRecord[] }> {
  const candidates = records.map((record) => (record.pending ? [] : stubIdsOf(record)));
  const stored = new Map((await store.getMany([...new Set(candidates.flat())])).filter((paper) => paper.pending === true).map((paper) => [paper.id, paper]));
  const fills: StubFill[] = [];
  const unmatched: LibraryRecord[] = [];
  const taken = new Set<string>();
  records.forEach((record, i) => {
    const stub = candidates[i]!.map((id) => stored.get(id)).find((paper) => paper !== undefined && !taken.has(paper.id));
    if (!stub) {
      unmatched.push(record);
      return;
    }
    taken.add(stub.id);
    fills.push({ stub, record });
  });
  return { fills, unmatched };
}

/**
 * Rewrites each stub with its fetched record, tagged and embedded, in one table write, then merges
 * any filled stub that its fetched identity shows to be a paper already stored (see
 * mergeFilledDuplicates). Returns how many stored papers were merged away.
 */
export async function fillStubs(ctx: StubFillContext, fills: readonly StubFill[]): Promise<number> {
  if (fills.length === 0) return 0;
  const { vectors } = await embedDigests(ctx.embedder, fills.map(({ record }) => ({ title: record.title, abstract: record.abstract })));
  const papers: NewPaper[] = [];
  for (const [i, { stub, record }] of fills.entries()) {
    const identity = await ctx.store.identityOf(stub.id);
    if (!identity) throw new FacetError('NOT_FOUND', `the pending stub ${stub.id} (${stub.title}) is no longer stored`);
    const filled: LibraryRecord = {
      ...record,
      arxivId: record.arxivId ?? stub.arxivId,
      doi: record.doi ?? stub.doi,
      url: record.url ?? stub.url,
      sourceLine: stub.sourceLine,
    };
    const stubTitleKey = `title:${normaliseTitle(stub.title)}`;
    const keys = new Set([...identity.dedupKeys.filter((key) => key !== stubTitleKey), ...dedupKeys(filled)]);
    papers.push({
      ...paperFieldsOf(filled, stub.sourceFile ?? '', ctx.tagger.tag(filled.title, filled.abstract)),
      id: stub.id,
      sourceFile: stub.sourceFile,
      dedupKeys: [...keys],
      vectors: vectors[i]!,
      pending: false,
      library: identity.library,
    });
  }
  await ctx.store.replacePapers(papers);
  return mergeFilledDuplicates(ctx, papers);
}

/**
 * A stub only knew one identifier; its fetched record may name another (an arXiv entry gives the
 * published DOI) that a stored paper, or another stub, already has. By the exact rules (same arXiv
 * id, DOI, or normalised title + first author + year: dedup keys), they are one paper, so they are
 * merged now as library.merge would (richer record kept, reading states united), not left for the
 * person to find in the duplicates view. Returns how many papers were merged away.
 */
async function mergeFilledDuplicates(ctx: StubFillContext, filled: readonly NewPaper[]): Promise<number> {
  let merged = 0;
  const retired = new Set<string>();
  for (const paper of filled) {
    if (retired.has(paper.id)) continue;
    let survivor = paper.id;
    for (const other of await ctx.store.idsSharingDedupKeys(paper.dedupKeys, paper.id)) {
      if (retired.has(other)) continue;
      const result = await mergeLibraryPapers(ctx, survivor, other, 'richer');
      retired.add(result.retiredId);
      survivor = result.keptId;
      merged++;
    }
  }
  return merged;
}
