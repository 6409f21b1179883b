/** The agent's "terminating" flag and sleeps that end early when it is set. */
export class AgentState {
  #terminating = false;
  readonly #sleepers = new Set<() => void>();
  readonly #listeners: (() => void)[] = [];

  get terminating(): boolean {
    return this.#terminating;
  }

  terminate(): void {
    if (this.#terminating) return;
    this.#terminating = true;
    for (const wake of this.#sleepers) wake();
    for (const listener of this.#listeners) listener();
  }

  onTerminate(listener: () => void): void {
    this.#listeners.push(listener);
  }

  /** Sleeps `ms`; returns early on termination unless `uninterruptible` (the emitter's retry pause). */
  sleep(ms: number, uninterruptible = false): Promise<void> {
    if (this.#terminating && !uninterruptible) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      if (!uninterruptible) this.#sleepers.add(wake);
    });
  }
}
