/**
 * Waits for every promise of a start-up graph; rejects with an `AggregateError` of each distinct reason (a
 * failed build rejects every step after it with the same error, which is reported once).
 */
export async function settleAll(promises: readonly Promise<unknown>[]): Promise<void> {
  const outcomes = await Promise.allSettled(promises);
  const errors = [
    ...new Set(
      outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : [])),
    ),
  ];
  if (errors.length > 0) throw new AggregateError(errors, 'Reasons a sandbox stand-in could not start');
}
