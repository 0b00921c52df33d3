/**
 * Changed Zotero items (the sync state yields an item again only when it changed in Zotero) that
 * are already stored: each rewrites its stored paper when that paper came from the same item.
 */
import { paperIdFor } from '../import/index.ts';
import { embedDigests, type Tagger } from '../ingest/index.ts';
import type { LibraryRecord } from '../library/index.ts';
import type { NewPaper, PaperStore } from '../store/index.ts';
import type { Embedder } from '../types.ts';
import { libraryPaperOf } from './library-paper.ts';

export interface ZoteroChangeContext {
  store: PaperStore;
  embedder: Embedder;
  tagger: Tagger;
}

/**
 * Rewrites the stored papers (same id, same Zotero record key) of `records` in one table write,
 * re-embedded only when the title or abstract changed. Returns how many were updated and how many
 * were duplicates instead (their paper came from elsewhere).
 */
export async function updateChangedItems(ctx: ZoteroChangeContext, sourceName: string, records: readonly LibraryRecord[]): Promise<{ updated: number; duplicates: number; embedded: number }> {
  const ids = records.map((record) => paperIdFor(record));
  const stored = new Map((await ctx.store.getMany(ids)).map((paper) => [paper.id, paper]));
  const updates: NewPaper[] = [];
  const toEmbed: { index: number; record: LibraryRecord }[] = [];
  let duplicates = 0;
  for (const [i, record] of records.entries()) {
    const id = ids[i]!;
    const paper = stored.get(id);
    const identity = paper ? await ctx.store.identityOf(id) : null;
    if (!paper || !identity || identity.library.recordKey !== record.recordKey) {
      duplicates++;
      continue;
    }
    const digestChanged = paper.title !== record.title || paper.abstract !== record.abstract;
    const update = libraryPaperOf(record, sourceName, ctx.tagger.tag(record.title, record.abstract), null);
    update.dedupKeys = [...new Set([...identity.dedupKeys, ...update.dedupKeys])];
    if (digestChanged || !paper.embedded) toEmbed.push({ index: updates.length, record });
    else update.vectors = await ctx.store.aspectVectorsOf(id);
    updates.push(update);
  }
  const { vectors } = await embedDigests(ctx.embedder, toEmbed.map(({ record }) => ({ title: record.title, abstract: record.abstract })));
  toEmbed.forEach(({ index }, k) => {
    updates[index]!.vectors = vectors[k]!;
  });
  await ctx.store.replacePapers(updates);
  return { updated: updates.length, duplicates, embedded: toEmbed.length };
}
