/**
 * Holds the one open core and lets the shell replace it (another library folder) without
 * re-registering IPC. Requests that arrive while a core is opening wait for it; if opening failed
 * (no model, unreadable folder) they fail with that error, so the page can say what is wrong.
 */
import { FacetError, REQUEST_NAMES } from '../common/contract.ts';
import type { FacetEvents, RequestName } from '../common/contract.ts';
import type { CoreHandlers } from '../core/types.ts';
import { forwardEvents } from './ipc.ts';

export interface HostedCore {
  handlers: CoreHandlers;
  events: FacetEvents;
  close(): Promise<void>;
}

export interface CoreLocation {
  dataDir: string;
  modelDir: string;
  aspectsDir: string;
}

export type OpenCore = (location: CoreLocation) => Promise<HostedCore>;

export interface CoreHostHooks {
  /** Delivers a core event to the page (the window's webContents.send). */
  send: (channel: string, payload: unknown) => void;
  /** Reports a failure nobody awaits (closing a core), e.g. to stderr. */
  log(message: string): void;
}

export class CoreHost {
  /** Handlers that wait for the current core; stable for the life of the host. */
  readonly handlers: CoreHandlers;
  private current: Promise<HostedCore> | null = null;
  private currentDataDir: string | null = null;
  private currentModelDir: string | null = null;
  private stopForwarding: (() => void) | null = null;
  private quitting = false;

  constructor(
    private readonly openCore: OpenCore,
    private readonly hooks: CoreHostHooks,
  ) {
    const handlers: Partial<Record<RequestName, (args: never) => Promise<unknown>>> = {};
    for (const name of REQUEST_NAMES) {
      handlers[name] = async (args: never) => {
        if (this.current === null) throw new FacetError('INTERNAL', 'the library is not open yet');
        const core = await this.current;
        return (core.handlers[name] as (validArgs: never) => Promise<unknown>)(args);
      };
    }
    this.handlers = handlers as CoreHandlers;
  }

  /** The library folder in use, also when its core failed to open (for menus and About). */
  get dataDir(): string | null {
    return this.currentDataDir;
  }

  get modelDir(): string | null {
    return this.currentModelDir;
  }

  /**
   * Closes the current core (if any) and opens one at `location`. Rejects with the open error.
   * The new core is current at once, so a request arriving meanwhile waits for it.
   */
  async open(location: CoreLocation): Promise<void> {
    if (this.quitting) throw new FacetError('INTERNAL', 'the app is quitting');
    const previous = this.detach();
    const opening = this.closeCore(previous).then(() => this.openCore(location));
    this.current = opening;
    this.currentDataDir = location.dataDir;
    this.currentModelDir = location.modelDir;
    const core = await opening;
    if (this.current === opening) this.stopForwarding = forwardEvents(core.events, this.hooks.send);
  }

  /** No core can be opened (e.g. no model was found): every request fails with `error`. */
  async fail(error: FacetError, dataDir: string): Promise<void> {
    const previous = this.detach();
    const failed = Promise.reject(error);
    failed.catch(() => {}); // awaited by each request; this only marks the rejection as handled
    this.current = failed;
    this.currentDataDir = dataDir;
    this.currentModelDir = null;
    await this.closeCore(previous);
  }

  /** Closes the core for good (app quit); later open() calls are refused. */
  async close(): Promise<void> {
    this.quitting = true;
    await this.closeCore(this.detach());
  }

  /** Stops forwarding the current core's events and takes it out of service. */
  private detach(): Promise<HostedCore> | null {
    this.stopForwarding?.();
    this.stopForwarding = null;
    const previous = this.current;
    this.current = null;
    return previous;
  }

  private async closeCore(previous: Promise<HostedCore> | null): Promise<void> {
    if (previous === null) return;
    let core: HostedCore;
    try {
      core = await previous;
    } catch {
      return; // it never opened; its error went to whoever opened it and to every request
    }
    try {
      await core.close();
    } catch (error) {
      this.hooks.log(`closing the library failed: ${(error as Error).message}`);
    }
  }
}
