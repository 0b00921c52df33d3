/**
 * A small typed emitter for the contract's events. A listener that throws does not stop the
 * emitter or the work that emitted (an import must not fail because a UI listener broke); the
 * error is reported on stderr with the event's name.
 */
import type { EventListener, EventName, EventPayloads, FacetEvents, Unsubscribe } from '../../common/contract.ts';

export class FacetEventEmitter implements FacetEvents {
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();

  on<E extends EventName>(event: E, listener: EventListener<E>): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const entry = listener as (payload: never) => void;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as EventListener<E>)(payload);
      } catch (error) {
        console.error(`facet: a listener for ${event} threw:`, error);
      }
    }
  }

  /** Drops every listener (on close). */
  clear(): void {
    this.listeners.clear();
  }
}
