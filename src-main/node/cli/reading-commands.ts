/**
 * Runs the reading-list commands against the core's handlers, the same ones the app uses, so an
 * edit made here reaches an open app window through its journal poll (reading.onDidChange).
 */
import fs from 'node:fs';
import path from 'node:path';
import { FacetError, type ReadingListItem, type ReadingState, type Recommendation } from '../../common/contract.ts';
import { callRequest } from '../../common/dispatch.ts';
import type { FacetCore } from '../../core/service.ts';
import type { ReadingCommand } from './reading-args.ts';

export async function runReadingCommand(core: FacetCore, command: ReadingCommand, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const { handlers } = core;
  switch (command.name) {
    case 'mark': {
      const { edit } = command;
      const patch: Record<string, unknown> = {};
      if (edit.status !== undefined) patch.status = edit.status;
      if (edit.rating !== undefined) patch.rating = edit.rating;
      if (edit.note !== undefined) patch.note = edit.note;
      if (edit.noteFile !== undefined) patch.note = readNoteFile(edit.noteFile);
      if (edit.addTags.length > 0 || edit.removeTags.length > 0) {
        const current = (await callRequest(handlers, 'reading.get', { id: command.id }))?.tags ?? [];
        const removed = new Set(edit.removeTags.map((tag) => tag.normalize('NFC').trim()));
        patch.tags = [...current, ...edit.addTags].map((tag) => tag.normalize('NFC').trim()).filter((tag) => !removed.has(tag));
      }
      const result = await callRequest(handlers, 'reading.set', { id: command.id, patch });
      if (command.json) out(JSON.stringify(result, null, 2));
      else out(`${command.id}: ${stateLine(result.current)}`);
      return 0;
    }
    case 'list': {
      const page = await callRequest(handlers, 'reading.list', { status: command.status, tag: command.tag, minRating: command.minRating, sort: command.sort, aspect: command.aspect, limit: command.limit });
      if (command.json) {
        out(JSON.stringify({ total: page.total, items: page.items.map(listJson) }, null, 2));
      } else if (page.items.length === 0) {
        err('the reading list has no papers that match');
      } else {
        for (const item of page.items) out(`${item.reading.paperId}  ${item.paper?.title ?? '(no longer in the library)'}\n    ${stateLine(item.reading)}`);
        if (page.total > page.items.length) err(`showing ${page.items.length} of ${page.total} (--limit)`);
      }
      return 0;
    }
    case 'for-you': {
      await core.idle();
      const result = await callRequest(handlers, 'recommend.forYou', { aspect: command.aspect, k: command.k, includeToRead: command.includeToRead });
      if (command.json) {
        out(JSON.stringify({ ...result, items: result.items.map(recommendationJson) }, null, 2));
      } else if (result.method === 'none') {
        err('nothing to go on yet: mark papers as read (facet mark <id> --status read) or rate them 4-5, then ask again');
      } else {
        err(`For you by ${command.aspect}: ${result.method} from ${result.positives} liked and ${result.negatives} disliked papers, ${result.candidates} candidates`);
        for (const item of result.items) {
          out(`${String(item.rank).padStart(3)}. ${item.score.toFixed(3)}  ${item.paper.id}  ${item.paper.title}`);
          if (item.reason) out(`       ${item.reason}`);
        }
      }
      return 0;
    }
    case 'not-relevant': {
      const result = await callRequest(handlers, 'recommend.notRelevant', { id: command.id, notRelevant: !command.undo });
      if (command.json) out(JSON.stringify(result, null, 2));
      else out(`${command.id}: ${command.undo ? 'no longer marked not relevant' : 'marked not relevant (undo: facet not-relevant <id> --undo)'}`);
      return 0;
    }
    case 'export': {
      const selection = command.ids !== undefined ? { kind: 'ids' as const, ids: command.ids } : { kind: 'reading' as const, status: command.status, tag: command.tag };
      const result = await callRequest(handlers, 'export.run', { format: command.format, selection, path: command.out === undefined ? undefined : path.resolve(command.out), includeAbstract: command.abstracts, withReadingState: command.withReadingState, includeDismissed: command.includeDismissed });
      if (result.path !== null) {
        if (command.json) out(JSON.stringify({ format: result.format, count: result.count, path: result.path, bytes: result.bytes }, null, 2));
        else err(`wrote ${result.count} papers as ${result.format} to ${result.path} (${result.bytes} bytes)`);
      } else {
        // The exported text itself is the output; --json has no other shape to offer without --out.
        out(result.text ?? '');
        err(`exported ${result.count} papers as ${result.format}`);
      }
      return 0;
    }
  }
}

function readNoteFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new FacetError('BAD_REQUEST', `cannot read the note file ${file}: ${(error as Error).message}`);
  }
}

/** "read · 4/5 · tags: a, b · note (120 chars)". */
export function stateLine(state: ReadingState): string {
  const parts: string[] = [state.status];
  if (state.rating !== null) parts.push(`${state.rating}/5`);
  if (state.tags.length > 0) parts.push(`tags: ${state.tags.join(', ')}`);
  if (state.note !== '') parts.push(`note (${state.note.length} chars)`);
  if (state.notRelevant) parts.push('not relevant');
  return parts.join(' · ');
}

function listJson(item: ReadingListItem) {
  const { paperId, ...reading } = item.reading;
  return { id: paperId, title: item.paper?.title ?? null, year: item.paper?.year ?? null, authors: item.paper?.authors ?? [], ...reading, score: item.score };
}

function recommendationJson(item: Recommendation) {
  return {
    id: item.paper.id,
    title: item.paper.title,
    score: item.score,
    rank: item.rank,
    reason: item.reason,
    sharedTerms: item.sharedTerms,
    liked: item.liked.map((liked) => ({ id: liked.paper.id, title: liked.paper.title, similarity: liked.similarity })),
  };
}
