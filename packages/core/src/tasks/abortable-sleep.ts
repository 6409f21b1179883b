/**
 * Waits `ms` milliseconds, or less if `signal` aborts first. Resolves in both cases (never rejects),
 * because a loop that sleeps between passes wants to wake up and check its terminator, not unwind
 * through a catch block. Resolves at once for a signal that is already aborted.
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || ms <= 0) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    signal?.addEventListener('abort', wake, { once: true });
  });
}
