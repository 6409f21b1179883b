import type { Target } from '@chaosgarden/core';
import { apiConcurrency, settleWithConcurrency } from './concurrency';
import type { NetworkContext } from './network-context';
import type { KnownAssociation } from './vpc-associations';

/**
 * Moves every subnet of one VPC onto its blocking ACL, a few at a time. A subnet whose move failed (after
 * the retries, or cut short by an abort) does not stop the others: it is logged and kept in
 * `context.associationFailures`, and the read-back after blocking decides whether the partition is
 * partial (a call cut short may still have landed). Returns the subnets moved.
 */
export async function associateEach(
  context: NetworkContext,
  associations: readonly KnownAssociation[],
  aclId: string,
  associate: (association: KnownAssociation) => Promise<Target>,
): Promise<Target[]> {
  const settled = await settleWithConcurrency(associations, apiConcurrency, associate);
  const moved: Target[] = [];
  settled.forEach((result, index) => {
    if (result.status === 'fulfilled') {
      moved.push(result.value);
      return;
    }
    const subnetId = associations[index]?.SubnetId ?? '?';
    context.associationFailures.set(subnetId, result.reason);
    context.logger.warn(
      `Could not associate ${subnetId} with blocking network access control list ${aclId}: ${describeError(result.reason)}.`,
    );
  });
  return moved;
}

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\.$/, '');
}
