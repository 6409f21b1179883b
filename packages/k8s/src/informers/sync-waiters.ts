/** The "first list done" state of a cache, which callers can wait for. */
export interface SyncWaiters {
  readonly isSynced: boolean;
  succeed(): void;
  /** The first list failed for good: every waiter (and later one) rejects with `error`. */
  fail(error: unknown): void;
  wait(signal?: AbortSignal): Promise<void>;
}

export function createSyncWaiters(): SyncWaiters {
  let isSynced = false;
  let failure: { error: unknown } | undefined;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const check of waiters) check();
  };
  return {
    get isSynced() {
      return isSynced;
    },
    succeed() {
      isSynced = true;
      notify();
    },
    fail(error) {
      failure = { error };
      notify();
    },
    wait(signal) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (isSynced) resolve();
          else if (failure !== undefined) reject(failure.error);
          else if (signal?.aborted) reject(signal.reason);
          else return;
          waiters.delete(check);
          signal?.removeEventListener('abort', check);
        };
        waiters.add(check);
        signal?.addEventListener('abort', check, { once: true });
        check();
      });
    },
  };
}
