import { assertWithinMaxTargets, InvalidArgumentError } from '@chaosgarden/core';
import type { VpcBlockPlan } from './blocking-acl';
import type { NetworkInput } from './network-input';
import { MAX_SUBNETS_PER_BLOCKING_ACL } from './original-associations';

/**
 * Checks the planned blocks before anything is changed: no more subnets than `maxTargets`, and no VPC
 * with more subnets than one ACL's tags can record. Returns warnings (nothing to block).
 *
 * @throws TooManyTargetsError, InvalidArgumentError.
 */
export function checkBlockPlans(plans: readonly VpcBlockPlan[], input: NetworkInput): string[] {
  const total = plans.reduce((sum, plan) => sum + plan.subnetIds.length, 0);
  assertWithinMaxTargets({ found: total, maxTargets: input.maxTargets, kind: 'subnets', zone: input.zone });
  const crowded = plans.find((plan) => plan.subnetIds.length > MAX_SUBNETS_PER_BLOCKING_ACL);
  if (crowded !== undefined) {
    throw new InvalidArgumentError({
      argument: 'filters.subnets',
      message:
        `VPC ${crowded.vpcId} has ${crowded.subnetIds.length} matching subnets in zone ${input.zone}; one blocking ` +
        `network ACL can record at most ${MAX_SUBNETS_PER_BLOCKING_ACL} (AWS allows 50 tags). Nothing was changed. ` +
        'Narrow filters.subnets.',
    });
  }
  if (total === 0) {
    return [
      `No subnet in zone ${input.zone} matches filters.subnets in the ${plans.length} matching VPC(s); nothing is blocked.`,
    ];
  }
  return [];
}
