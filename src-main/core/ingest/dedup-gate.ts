/**
 * The dedup stage: a record is new when none of its dedup keys (arXiv id, DOI, normalised title +
 * first author + year) is stored or was seen earlier in this import.
 */
import type { ImportProblem } from '../../common/contract.ts';
import { dedupKeys } from '../import/index.ts';
import type { PaperStore } from '../store/index.ts';
import type { ParsedRecord } from '../types.ts';

/** 'unkeyed': nothing to deduplicate by (skipped); 'known': shares a key; 'new': its keys are now taken. */
export type DedupVerdict = 'unkeyed' | 'known' | 'new';

export class DedupGate {
  private constructor(private readonly known: Set<string>) {}

  /** A gate over the keys the store holds now (after catching up with other writers' sequence numbers). */
  static async open(store: PaperStore): Promise<DedupGate> {
    await store.syncSequence();
    return new DedupGate(await store.loadDedupKeys());
  }

  /** Judges a record; a new record's keys count as known from now on. */
  admit(record: ParsedRecord): DedupVerdict {
    const keys = dedupKeys(record);
    if (keys.length === 0) return 'unkeyed';
    if (keys.some((key) => this.known.has(key))) return 'known';
    this.remember(record);
    return 'new';
  }

  /** Takes a record's keys without queueing it (a known record routed elsewhere: its other keys now match too). */
  remember(record: ParsedRecord): void {
    for (const key of dedupKeys(record)) this.known.add(key);
  }
}

/** The problem an unkeyed record gives. */
export function unkeyedProblem(source: string, record: ParsedRecord): ImportProblem {
  return { source, line: record.sourceLine, record: record.recordKey ?? (record.title || null), severity: 'warning', message: 'skipped: the record has no title, arXiv id or DOI' };
}
