/** The "another process is writing" banner's state; see lib/writer-wait.ts for when it shows. */
import { WRITER_WAIT_QUIET_MS, writerWaitNotice, type WriterWaitEvent } from '../lib/writer-wait.ts';

export class WriterWaitState {
  /** The banner's sentence, or null when no write of this window is waiting. */
  notice = $state<string | null>(null);
  #quietTimer: ReturnType<typeof setTimeout> | null = null;

  onWait(event: WriterWaitEvent): void {
    this.notice = writerWaitNotice(event);
    this.#clearTimer();
    this.#quietTimer = setTimeout(() => this.onWriteMoved(), WRITER_WAIT_QUIET_MS);
  }

  /** The waiting write went ahead (or ended): the banner goes. */
  onWriteMoved(): void {
    this.#clearTimer();
    this.notice = null;
  }

  dispose(): void {
    this.#clearTimer();
  }

  #clearTimer(): void {
    if (this.#quietTimer !== null) clearTimeout(this.#quietTimer);
    this.#quietTimer = null;
  }
}
