/**
 * Progress with count, rate and ETA for long library runs. The meter is throttled so a run of
 * 100k cheap units does not flood its listener: it reports at most every `intervalMs`, plus once
 * at the end (`finish`).
 */
import type { LibraryProgress, ProgressListener } from './types.ts';

export class ProgressMeter {
  private done = 0;
  private skipped = 0;
  private total: number | null = null;
  private lastReport = 0;
  private readonly started: number;

  constructor(
    private readonly listener: ProgressListener | undefined,
    private readonly intervalMs = 250,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  setTotal(total: number | null): void {
    this.total = total;
  }

  /** One unit handled; `skipped` when a checkpoint said it was done already. */
  tick(skipped = false): void {
    this.done++;
    if (skipped) this.skipped++;
    const now = this.now();
    if (this.listener && now - this.lastReport >= this.intervalMs) {
      this.lastReport = now;
      this.listener(this.snapshot());
    }
  }

  finish(): LibraryProgress {
    const snapshot = this.snapshot();
    this.listener?.(snapshot);
    return snapshot;
  }

  snapshot(): LibraryProgress {
    const elapsedMs = Math.max(0, this.now() - this.started);
    // Skipped units cost almost nothing, so counting them would make the rate (and the ETA) a lie.
    const worked = this.done - this.skipped;
    const ratePerSecond = worked > 0 ? (worked * 1000) / Math.max(elapsedMs, 1) : 0;
    const remaining = this.total === null ? null : Math.max(0, this.total - this.done);
    const etaSeconds = remaining === null ? null : remaining === 0 ? 0 : ratePerSecond > 0 ? remaining / ratePerSecond : null;
    return { done: this.done, total: this.total, skipped: this.skipped, ratePerSecond, etaSeconds, elapsedMs };
  }
}
