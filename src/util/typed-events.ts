// A small typed wrapper over EventEmitter: emit/on checked against an event map, and listeners
// that throw never break the emitter (one bad metrics listener must not stop a poll).
import { EventEmitter } from 'node:events';

export type EventMap = Record<string, unknown[]>;

export class TypedEvents<Events extends EventMap> {
  readonly #emitter = new EventEmitter();

  constructor(private readonly onListenerError?: (event: string, error: unknown) => void) {
    this.#emitter.setMaxListeners(50);
  }

  on<K extends keyof Events & string>(event: K, listener: (...args: Events[K]) => void): () => void {
    const safe = (...args: unknown[]): void => {
      try {
        listener(...(args as Events[K]));
      } catch (error) {
        this.onListenerError?.(event, error);
      }
    };
    this.#emitter.on(event, safe);
    return () => this.#emitter.off(event, safe);
  }

  emit<K extends keyof Events & string>(event: K, ...args: Events[K]): void {
    this.#emitter.emit(event, ...args);
  }
}
