/**
 * The service's write queue, across processes: writes of this process still run one at a time
 * (SerialQueue), and each one also holds the library's writer lock (store/library-lock.ts) from
 * its first read of the table to its last commit. So an import's duplicate check always sees
 * every paper committed before it, by any process, and two imports never store the same paper.
 *
 * While another process writes, a queued write waits and says so ('library.onDidWaitForWriter'),
 * up to the lock's wait limit, then fails with BUSY. Reads never wait.
 */
import { FacetError } from '../../common/contract.ts';
import type { HeldLock, LibraryLock } from '../store/library-lock.ts';
import type { PaperStore } from '../store/index.ts';
import type { FacetEventEmitter } from './events.ts';
import { SerialQueue } from './serial-queue.ts';

export interface LibraryWriteOptions {
  lock: LibraryLock;
  events: FacetEventEmitter;
  isClosing: () => boolean;
  /** Longest wait for another process's write; default: the lock's (10 min, or FACET_WRITER_WAIT_MS). */
  waitMs?: number;
}

export class LibraryWriteQueue extends SerialQueue {
  private store: PaperStore | null = null;
  private held: HeldLock | null = null;

  constructor(private readonly options: LibraryWriteOptions) {
    super();
  }

  /**
   * The store the queued writes change (set once it is open; opening itself uses `exclusive`).
   * From then on every commit of the store must happen while this queue holds the lock.
   */
  attach(store: PaperStore): void {
    this.store = store;
    store.setWriteGuard(() => this.assertHolding());
  }

  /** Throws unless a write of this queue holds the writer lock right now (and it is still ours). */
  assertHolding(): void {
    if (this.held === null) throw new FacetError('INTERNAL', 'a write to the library ran without its writer lock; nothing was written');
    if (!this.held.isHeld()) {
      throw new FacetError('BUSY', 'another process took over the library\'s writer lock (this one was unresponsive); the write was stopped before it could clash. Try again.');
    }
  }

  override run<T>(task: () => Promise<T>, purpose = 'writing'): Promise<T> {
    return super.run(() => this.exclusive(purpose, task));
  }

  /**
   * Runs `task` in the queue only if no other process is writing right now (upkeep that can wait
   * for a later open); resolves `skipped: true` without running it otherwise.
   */
  runIfFree<T>(purpose: string, task: () => Promise<T>): Promise<{ skipped: true } | { skipped: false; result: T }> {
    return super.run(async () => {
      const held = this.options.lock.tryAcquire(purpose);
      if (!held) return { skipped: true as const };
      return { skipped: false as const, result: await this.holding(held, task) };
    });
  }

  /** Runs `task` holding the writer lock (waiting for it), outside the queue: for opening the store. */
  async exclusive<T>(purpose: string, task: () => Promise<T>): Promise<T> {
    const held = await this.options.lock.acquire({
      purpose,
      waitMs: this.options.waitMs,
      shouldStop: this.options.isClosing,
      onWait: ({ holder, waitedMs, message }) =>
        this.options.events.emit('library.onDidWaitForWriter', {
          holderPid: holder?.pid ?? null,
          holderHost: holder?.host ?? null,
          purpose: holder?.purpose ?? null,
          waitedMs,
          message,
        }),
    });
    return this.holding(held, task);
  }

  private async holding<T>(held: HeldLock, task: () => Promise<T>): Promise<T> {
    this.held = held;
    try {
      // Decide on what is committed now, not on a view up to the read-consistency interval old.
      if (this.store) {
        await this.store.refreshView();
        await this.store.syncSequence();
      }
      return await task();
    } finally {
      this.held = null;
      held.release();
    }
  }
}
