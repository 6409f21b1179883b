/** How a call ended: with a value, with an error, or not at all within the time limit. */
export type Settlement<T> =
  | { readonly outcome: 'resolved'; readonly value: T }
  | { readonly outcome: 'rejected'; readonly error: unknown }
  | { readonly outcome: 'pending' };

/**
 * Runs `call` (catching a synchronous throw too) and reports how it settled within `timeoutMs`. A call
 * still pending afterwards is left running: plugin code cannot be cancelled from outside.
 */
export async function settleWithin<T>(call: () => T | Promise<T>, timeoutMs: number): Promise<Settlement<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settlement<T>>((resolve) => {
    timer = setTimeout(() => resolve({ outcome: 'pending' }), timeoutMs);
  });
  const settled = (async (): Promise<Settlement<T>> => {
    try {
      return { outcome: 'resolved', value: await call() };
    } catch (error) {
      return { outcome: 'rejected', error };
    }
  })();
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
