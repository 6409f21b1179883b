/**
 * How many cloud calls one action runs at once where their order does not matter (describing the
 * subnets of several networks, moving several subnets): far below the clouds' request-rate limits.
 */
export const defaultCallConcurrency = 8;

/**
 * Runs `task` for every item with at most `limit` running at once and settles every one of them, like
 * `Promise.allSettled`: a failure does not stop the others (a roll-back must try every subnet).
 * Results are in item order.
 */
export async function settleWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await task(items[index] as T, index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
