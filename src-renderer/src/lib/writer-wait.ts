/**
 * What the window says while one of its writes waits for another Facet process (the CLI, a second
 * window on the same library) to finish writing. The core sends 'library.onDidWaitForWriter' when
 * the wait starts and about every 5 s while it lasts, and nothing when it ends: the notice is
 * cleared by the write moving on (progress, a finished import, a library change) or, failing
 * that, once no wait event has come for WRITER_WAIT_QUIET_MS.
 */
import type { EventPayloads } from '../../../src-main/common/contract.ts';

export type WriterWaitEvent = EventPayloads['library.onDidWaitForWriter'];

/** Longer than two of the core's 5 s repeats, so one late event does not make the notice flicker. */
export const WRITER_WAIT_QUIET_MS = 12_000;

/**
 * The banner's text: the core's own sentence ("the library is being updated by process N (import,
 * since …); waiting for it to finish…"), how long so far, and that nothing needs doing.
 */
export function writerWaitNotice(event: WriterWaitEvent): string {
  const seconds = Math.round(event.waitedMs / 1000);
  const core = event.message.trim().replace(/[.…\s]+$/u, '');
  const sentence = core.length > 0 ? core[0]!.toUpperCase() + core.slice(1) : 'Another Facet process is writing this library; waiting for it to finish';
  const sofar = seconds >= 1 ? ` (${seconds} s so far)` : '';
  return `${sentence}${sofar}. Facet goes on by itself once it is free.`;
}
