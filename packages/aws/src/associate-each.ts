import {
  CloudApiError,
  defaultCallConcurrency,
  describeError,
  isAbortError,
  settleWithConcurrency,
  type Target,
  TerminatedError,
} from '@chaosgarden/core';
import type { NetworkContext } from './network-context';
import type { KnownAssociation } from './vpc-associations';

/**
 * Moves every subnet of one VPC onto its blocking ACL, a few at a time. A subnet whose move the cloud
 * refused (after the retries) or that a stop cut short does not stop the others: it is logged and kept in
 * `context.associationFailures`, and the read-back after blocking decides whether the partition is
 * partial (a call cut short may still have landed). Returns the subnets moved.
 *
 * @throws the first other failure (the ledger could not record a move, ...), once every move settled.
 */
export async function associateEach(
  context: NetworkContext,
  associations: readonly KnownAssociation[],
  aclId: string,
  associate: (association: KnownAssociation) => Promise<Target>,
): Promise<Target[]> {
  const settled = await settleWithConcurrency(associations, defaultCallConcurrency, associate);
  const fatal = settled.find((result) => result.status === 'rejected' && !isSubnetMiss(result.reason));
  if (fatal !== undefined) {
    throw (fatal as PromiseRejectedResult).reason;
  }
  const moved: Target[] = [];
  settled.forEach((result, index) => {
    if (result.status === 'fulfilled') {
      moved.push(result.value);
      return;
    }
    const subnetId = associations[index]?.SubnetId ?? '?';
    context.associationFailures.set(subnetId, result.reason);
    context.logger.warn(
      `Could not associate ${subnetId} with blocking network access control list ${aclId}: ${describeError(result.reason).replace(/\.$/, '')}.`,
    );
  });
  return moved;
}

/** The cloud refused this one move, or a stop cut it short: the other subnets can still be blocked. */
function isSubnetMiss(error: unknown): boolean {
  return CloudApiError.isInstance(error) || TerminatedError.isInstance(error) || isAbortError(error);
}
