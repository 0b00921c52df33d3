/** Errors and warnings shown to the person, newest last. Every failed request ends up here or in its own panel. */
import { toClientError } from '../lib/client.ts';

export interface Notice {
  id: number;
  /** What was being done, e.g. "Loading the library". */
  context: string;
  message: string;
}

export class NoticesState {
  items = $state<Notice[]>([]);
  #nextId = 1;

  report(context: string, error: unknown): void {
    const { code, message } = toClientError(error);
    // A lost or missing connection already shows once, in the connection banner; every request that
    // failed because of it would otherwise add the same sentence again.
    if (code === 'DISCONNECTED') return;
    const text = code === 'INTERNAL' ? message : `${message} (${code})`;
    // The same failure repeated (e.g. every page fetch while disconnected) is shown once.
    if (this.items.some((item) => item.context === context && item.message === text)) return;
    this.items.push({ id: this.#nextId++, context, message: text });
  }

  dismiss(id: number): void {
    this.items = this.items.filter((item) => item.id !== id);
  }
}
