import { describe, expect, it } from 'vitest';
import { WRITER_WAIT_QUIET_MS, writerWaitNotice } from '../../../src-renderer/src/lib/writer-wait.ts';

const event = (message: string, waitedMs: number) => ({ holderPid: 4242, holderHost: 'here', purpose: 'import', waitedMs, message });

describe('the writer-wait banner text', () => {
  it("keeps the core's sentence about who writes, says how long so far and that nothing needs doing", () => {
    const text = writerWaitNotice(event('the library is being updated by process 4242 (import, since 15:40:02); waiting for it to finish…', 5400));
    expect(text).toBe('The library is being updated by process 4242 (import, since 15:40:02); waiting for it to finish (5 s so far). Facet goes on by itself once it is free.');
  });

  it('leaves the time out at the start of a wait and still reads as a sentence without a message', () => {
    expect(writerWaitNotice(event('the library is being updated by process 7 (merge); waiting for it to finish.', 120))).toBe(
      'The library is being updated by process 7 (merge); waiting for it to finish. Facet goes on by itself once it is free.',
    );
    expect(writerWaitNotice(event('  ', 0))).toMatch(/^Another Facet process is writing this library; waiting for it to finish\. /);
  });

  it('stays up longer than two of the core\'s 5 s repeats, so one late event does not make it flicker', () => {
    expect(WRITER_WAIT_QUIET_MS).toBeGreaterThan(2 * 5000);
  });
});
