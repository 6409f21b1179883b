/** Lets a loop sleep until a deadline or until something happened, whichever comes first. */
export interface Wakeup {
  /** Something happened: the current or next `wait` returns at once. */
  notify(): void;
  /** Waits up to `ms`, less if `notify()` is (or was, since the last wait) called or `signal` aborts. */
  wait(ms: number, signal?: AbortSignal): Promise<void>;
}

export function createWakeup(): Wakeup {
  let pending = false;
  let wake: (() => void) | undefined;
  return {
    notify() {
      pending = true;
      wake?.();
    },
    async wait(ms, signal) {
      if (!pending && ms > 0 && signal?.aborted !== true) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, ms);
          function done() {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            wake = undefined;
            resolve();
          }
          wake = done;
          signal?.addEventListener('abort', done, { once: true });
        });
      }
      pending = false;
    },
  };
}
