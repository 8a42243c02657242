// A small typed wrapper over EventEmitter: emit/on checked against an event map, and listeners
// that throw never break the emitter (one bad metrics listener must not stop a poll). A listener
// may be registered for an owner (a feature): removeAll(owner) unsubscribes everything it
// registered, so a feature's stop cannot forget one of its subscriptions.
import { EventEmitter } from 'node:events';

export type EventMap = Record<string, unknown[]>;

/** Whoever registered listeners and removes them together; any object identity will do. */
export type ListenerOwner = object;

export class TypedEvents<Events extends EventMap> {
  readonly #emitter = new EventEmitter();
  readonly #owned = new Map<ListenerOwner, Set<() => void>>();

  constructor(private readonly onListenerError?: (event: string, error: unknown) => void) {
    this.#emitter.setMaxListeners(50);
  }

  /** Subscribes; returns the unsubscribe function. With an owner, removeAll(owner) also removes it. */
  on<K extends keyof Events & string>(event: K, listener: (...args: Events[K]) => void, owner?: ListenerOwner): () => void {
    const safe = (...args: unknown[]): void => {
      try {
        listener(...(args as Events[K]));
      } catch (error) {
        this.onListenerError?.(event, error);
      }
    };
    this.#emitter.on(event, safe);
    const off = (): void => {
      this.#emitter.off(event, safe);
      if (owner) this.#owned.get(owner)?.delete(off);
    };
    if (owner) {
      const offs = this.#owned.get(owner) ?? new Set<() => void>();
      offs.add(off);
      this.#owned.set(owner, offs);
    }
    return off;
  }

  /** Unsubscribes every listener registered for `owner` (a feature that stops). */
  removeAll(owner: ListenerOwner): void {
    const offs = this.#owned.get(owner);
    if (!offs) return;
    this.#owned.delete(owner);
    for (const off of offs) off();
  }

  /** How many listeners are subscribed to `event` (tests, diagnostics). */
  listenerCount<K extends keyof Events & string>(event: K): number {
    return this.#emitter.listenerCount(event);
  }

  emit<K extends keyof Events & string>(event: K, ...args: Events[K]): void {
    this.#emitter.emit(event, ...args);
  }
}
