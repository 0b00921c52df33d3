/**
 * Runs tasks one at a time, in the order given. Imports and re-embedding both write the table;
 * running them in sequence keeps dedup decisions and batch writes from interleaving.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // The queue continues whether the task failed or not; the caller still sees the failure.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task queued so far has settled. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
