import { describe, expect, it } from 'vitest';
import { blockingEntries } from './network-cut';

const summary = (mode: Parameters<typeof blockingEntries>[0]) =>
  blockingEntries(mode).map(
    (entry) =>
      `${entry.Egress ? 'out' : 'in'} ${entry.CidrBlock ?? entry.Ipv6CidrBlock} #${entry.RuleNumber} ${entry.RuleAction}`,
  );

describe('blockingEntries', () => {
  it('denies both directions for IPv4 and IPv6 in total mode', () => {
    expect(summary('total')).toEqual([
      'in 0.0.0.0/0 #1 deny',
      'in ::/0 #2 deny',
      'out 0.0.0.0/0 #1 deny',
      'out ::/0 #2 deny',
    ]);
  });

  it('denies inbound and opens outbound fully in ingress mode, IPv6 included', () => {
    expect(summary('ingress')).toEqual([
      'in 0.0.0.0/0 #1 deny',
      'in ::/0 #2 deny',
      'out 0.0.0.0/0 #1 allow',
      'out ::/0 #2 allow',
    ]);
  });

  it('denies outbound and opens inbound fully in egress mode', () => {
    expect(summary('egress')).toEqual([
      'in 0.0.0.0/0 #1 allow',
      'in ::/0 #2 allow',
      'out 0.0.0.0/0 #1 deny',
      'out ::/0 #2 deny',
    ]);
  });

  it('covers all protocols and ports, as the Python tool did', () => {
    for (const entry of blockingEntries('total')) {
      expect(entry.Protocol).toBe('-1');
      expect(entry.PortRange).toEqual({ From: 0, To: 65535 });
    }
  });
});
