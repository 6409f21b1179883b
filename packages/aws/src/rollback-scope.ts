import type { NetworkAcl } from '@aws-sdk/client-ec2';
import { partitionByRole } from './holder-role';
import { describeAclHolder, holderOf, holderState } from './holder-tag';
import type { NetworkContext } from './network-context';

/**
 * The blocking ACLs of one VPC that a roll-back with this context undoes. A simulation's (the context
 * has a `rollbackScope`) takes only its own, provably dead holders' and, with `rollbackLeftovers`, the
 * untagged ones; another run's ACL is left alone (logged). The explicit roll-back (no scope) takes
 * every one and warns for each holder that may still run, naming it: it is the panic button.
 */
export function aclsToRollBack(
  acls: readonly NetworkAcl[],
  context: NetworkContext,
): { acls: NetworkAcl[]; warnings: string[] } {
  const scope = context.rollbackScope;
  if (scope === undefined) {
    const warnings = acls.flatMap((acl) => {
      const warning = overrideWarning(acl);
      if (warning === undefined) return [];
      context.logger.warn(warning);
      return [warning];
    });
    return { acls: [...acls], warnings };
  }
  const { mine, others } = partitionByRole(acls, scope);
  for (const { acl, holder } of others) {
    context.logger.info(
      `Leaving blocking network ACL ${acl.NetworkAclId ?? '?'} in ${acl.VpcId ?? '?'} alone: it belongs to ${describeAclHolder(holder)}, which may still be running.`,
    );
  }
  return { acls: mine, warnings: [] };
}

/**
 * The warning for rolling back `acl` although its holder may still run (a live pid on this host, or
 * another host within its lease); undefined for a provably ended holder or an untagged ACL.
 */
export function overrideWarning(acl: NetworkAcl): string | undefined {
  const holder = holderOf(acl.Tags ?? []);
  const state = holderState(holder);
  if (holder === undefined || state === 'dead') return undefined;
  const where = state === 'alive' ? 'which still runs on this machine' : 'which may still be running';
  return `Overriding ${describeAclHolder(holder)}, ${where}: rolling back its blocking network ACL ${acl.NetworkAclId ?? '?'} in ${acl.VpcId ?? '?'}.`;
}
