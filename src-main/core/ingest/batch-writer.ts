/**
 * The write stage: batch writes run one at a time and in order, each one atomic, while the caller
 * goes on preparing the next batch (the embed/write overlap). A write's failure surfaces at the
 * next `enqueue` or at `settle`, never as an unhandled rejection.
 */
export class SerialWriter {
  private inFlight: Promise<void> | null = null;

  /** Waits for the write in flight, then starts `write` and returns without waiting for it. */
  async enqueue(write: () => Promise<void>): Promise<void> {
    await this.settle();
    const started = write();
    // Handled here so a failure while the next batch is prepared is not an unhandled rejection;
    // settle() awaits the same promise and rethrows it.
    started.catch(() => undefined);
    this.inFlight = started;
  }

  /** Waits for the write in flight (rethrowing its failure); afterwards nothing is in flight. */
  async settle(): Promise<void> {
    const pending = this.inFlight;
    this.inFlight = null;
    if (pending) await pending;
  }
}
