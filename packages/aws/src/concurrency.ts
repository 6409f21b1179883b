/**
 * How many EC2 calls one action runs at once where their order does not matter (describing the subnets
 * of several VPCs, replacing several subnets' associations). Far below EC2's request-rate buckets.
 */
export const apiConcurrency = 8;

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

/** Like `settleWithConcurrency`, but rejects with the first failure (in item order) once all settled. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const settled = await settleWithConcurrency(items, limit, task);
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    throw failure.reason;
  }
  return settled.map((result) => (result as PromiseFulfilledResult<R>).value);
}
