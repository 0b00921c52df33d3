/**
 * Merging two records of one paper. The richer record is kept (more filled fields, a longer
 * abstract, a DOI) and filled in from the other: a preprint merged with its published version
 * keeps both the arXiv id and the DOI. Collections and tags are united; a stub still pending
 * never wins over a fetched record. Person-made state (reading status, tags, note, rating) is not
 * in the record: the caller passes a callback that moves it (see mergeReadingValues and
 * docs/LIBRARY.md for the reading store call).
 */
import type { LibraryRecord } from './types.ts';

/** How much a record knows; the higher one is kept. */
export function richness(record: LibraryRecord): number {
  if (record.pending) return -1;
  let score = 0;
  for (const value of [record.title, record.venue, record.url, record.date, record.arxivId, record.filePath]) if (value) score += 1;
  if (record.year !== null) score += 1;
  if (record.authors.length > 0) score += 1;
  if (record.doi) score += 2;
  // A longer abstract is a fuller one, up to a point (2 points for 2,000 characters).
  score += Math.min(record.abstract.length, 2000) / 1000;
  return score;
}

export interface MergeResult<R extends LibraryRecord> {
  merged: R;
  /** Which input was kept as the base: the other one's paper is the one to retire. */
  kept: 'a' | 'b';
}

/** Merges two records of the same paper. Pure: the inputs are not changed. */
export function mergeRecords<R extends LibraryRecord>(a: R, b: R): MergeResult<R> {
  const kept = richness(b) > richness(a) ? 'b' : 'a';
  const [base, other] = kept === 'a' ? [a, b] : [b, a];
  const merged: R = { ...base, authors: [...base.authors] };
  if (!merged.abstract || (other.abstract.length > merged.abstract.length * 1.5 && !other.pending)) merged.abstract = other.abstract || merged.abstract;
  if (merged.authors.length === 0) merged.authors = [...other.authors];
  merged.year ??= other.year;
  merged.date ??= other.date;
  merged.venue ??= other.venue;
  merged.arxivId ??= other.arxivId;
  merged.doi ??= other.doi;
  merged.url ??= other.url;
  merged.filePath ??= other.filePath;
  const collections = union(base.collections, other.collections);
  if (collections) merged.collections = collections;
  const tags = union(base.tags, other.tags);
  if (tags) merged.tags = tags;
  if (merged.pending && !other.pending) merged.pending = false;
  return { merged, kept };
}

function union(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] | undefined {
  if (!a && !b) return undefined;
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

/** The reading fields merged (a structural copy of the reading store's ReadingValues). */
export interface MergeableReadingValues {
  status: 'none' | 'to-read' | 'reading' | 'read' | 'dismissed';
  tags: string[];
  note: string;
  rating: number | null;
  notRelevant: boolean;
}

const STATUS_ORDER: MergeableReadingValues['status'][] = ['none', 'dismissed', 'to-read', 'reading', 'read'];

/**
 * Reading state of two records of one paper, merged: the furthest status (read > reading > to-read
 * > dismissed > none), tags united in order, notes joined (each kept whole), the higher rating, and
 * "not relevant" only when both say so. Null inputs are papers without state.
 */
export function mergeReadingValues(kept: MergeableReadingValues | null, retired: MergeableReadingValues | null): MergeableReadingValues | null {
  if (!kept) return retired ? { ...retired, tags: [...retired.tags] } : null;
  if (!retired) return { ...kept, tags: [...kept.tags] };
  const status = STATUS_ORDER.indexOf(retired.status) > STATUS_ORDER.indexOf(kept.status) ? retired.status : kept.status;
  const notes = [kept.note.trim(), retired.note.trim()].filter((note, i, all) => note !== '' && all.indexOf(note) === i);
  const ratings = [kept.rating, retired.rating].filter((rating): rating is number => rating !== null);
  return {
    status,
    tags: [...new Set([...kept.tags, ...retired.tags])],
    note: notes.join('\n\n---\n\n'),
    rating: ratings.length > 0 ? Math.max(...ratings) : null,
    notRelevant: kept.notRelevant && retired.notRelevant,
  };
}

/** Called with the kept and retired paper ids once the records are merged; it moves person-made state. */
export type StateMerge = (keptId: string, retiredId: string) => void | Promise<void>;

/**
 * Merges two stored papers: returns the merged record and which id survives, after `moveState`
 * has carried the retired paper's reading state, tags and notes over. The caller then writes the
 * merged record under `keptId` and deletes `retiredId`.
 */
export async function mergePapers<R extends LibraryRecord>(
  a: { id: string; record: R },
  b: { id: string; record: R },
  moveState: StateMerge,
): Promise<{ keptId: string; retiredId: string; merged: R }> {
  const { merged, kept } = mergeRecords(a.record, b.record);
  const [keptId, retiredId] = kept === 'a' ? [a.id, b.id] : [b.id, a.id];
  await moveState(keptId, retiredId);
  return { keptId, retiredId, merged };
}
