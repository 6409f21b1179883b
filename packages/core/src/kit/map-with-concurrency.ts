import { settleWithConcurrency } from './settle-with-concurrency';

/** Like `settleWithConcurrency`, but rejects with the first failure (in item order) once all settled. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  return settledValues(await settleWithConcurrency(items, limit, task));
}

/** The values of settled promises; throws the first rejection's reason (in item order) if any. */
export function settledValues<T>(settled: readonly PromiseSettledResult<T>[]): T[] {
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    throw failure.reason;
  }
  return settled.map((result) => (result as PromiseFulfilledResult<T>).value);
}
