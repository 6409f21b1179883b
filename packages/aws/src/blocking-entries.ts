import type { NetworkFailureMode } from '@chaosgarden/core';

/** One rule of the blocking network ACL, in the shape of `CreateNetworkAclEntry` (without the ACL id). */
export interface BlockingEntry {
  CidrBlock?: string;
  Ipv6CidrBlock?: string;
  Egress: boolean;
  PortRange: { From: number; To: number };
  Protocol: '-1';
  RuleAction: 'allow' | 'deny';
  RuleNumber: number;
}

/**
 * The rules of the blocking ACL for `mode`. As in the Python tool, rule 1 (the lowest number, so it
 * wins) covers all IPv4 traffic in each direction: `deny` for the blocked direction(s), `allow` for the
 * other. Rule 2 does the same for IPv6 (`::/0`): the Python tool had none, so its new ACL's implicit
 * `*` deny blocked IPv6 both ways even in `ingress` or `egress` mode (spec aws.md, defect 5).
 */
export function blockingEntries(mode: NetworkFailureMode): BlockingEntry[] {
  const blocked = mode === 'total' ? ['ingress', 'egress'] : [mode];
  const entries: BlockingEntry[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const RuleAction = blocked.includes(direction) ? 'deny' : 'allow';
    const common = {
      Egress: direction === 'egress',
      PortRange: { From: 0, To: 65535 },
      Protocol: '-1' as const,
    };
    entries.push({ ...common, CidrBlock: '0.0.0.0/0', RuleAction, RuleNumber: 1 });
    entries.push({ ...common, Ipv6CidrBlock: '::/0', RuleAction, RuleNumber: 2 });
  }
  return entries;
}
