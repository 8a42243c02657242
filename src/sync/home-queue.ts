// Commands on one home run one at a time, so two quick taps cannot interleave their Netatmo calls;
// homes do not wait for each other.
export class HomeQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after the previous task on the same home finished (success or not). */
  run<T>(homeId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(homeId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(homeId, tail);
    void tail.then(() => {
      if (this.#tails.get(homeId) === tail) this.#tails.delete(homeId);
    });
    return run;
  }
}
