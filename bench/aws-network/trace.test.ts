import { describe, expect, it } from 'vitest';
import {
  busyTime,
  countByOperation,
  criticalPath,
  lastBlockingMove,
  medianDurations,
  phaseFigures,
  serialMotoTime,
  within,
} from './trace.mjs';
import { describeRequest } from './tracing-proxy.mjs';

const request = (operation: string, start: number, end: number, extra: object = {}) => ({
  operation,
  start,
  end,
  status: 200,
  ...extra,
});

describe('criticalPath', () => {
  it('counts requests sent one after the other as one round trip each', () => {
    const sequential = [request('A', 0, 10), request('B', 10, 20), request('C', 21, 30)];
    expect(criticalPath(sequential)).toHaveLength(3);
  });

  it('counts requests in flight at the same time once', () => {
    // 18 moves sent at once and answered in turn (moto serves them one by one): one round trip.
    const burst = Array.from({ length: 18 }, (_, i) =>
      request('ReplaceNetworkAclAssociation', 0, 10 * (i + 1)),
    );
    expect(criticalPath(burst)).toHaveLength(1);
  });

  it('finds the longest chain through overlapping branches', () => {
    // A long request beside a chain of three short ones: the chain of three is the critical path.
    const requests = [
      request('long', 0, 30),
      request('a', 0, 10),
      request('b', 10, 20),
      request('c', 20, 30),
    ];
    expect(criticalPath(requests).map((r) => r.operation)).toEqual(['a', 'b', 'c']);
  });

  it('is empty without requests', () => {
    expect(criticalPath([])).toEqual([]);
  });
});

describe('busyTime', () => {
  it('is the union of the intervals, gaps left out', () => {
    const requests = [request('A', 0, 10), request('B', 5, 15), request('C', 20, 25), request('D', 21, 22)];
    expect(busyTime(requests)).toBe(20);
    expect(busyTime([])).toBe(0);
  });
});

describe('phaseFigures', () => {
  it("splits a phase's wall time into time with a request at moto and the tool's own work", () => {
    const requests = [
      request('DescribeVpcs', 5, 15),
      request('CreateNetworkAcl', 20, 30),
      request('CreateNetworkAclEntry', 30, 40),
      request('CreateNetworkAclEntry', 30, 38),
      request('DescribeVpcs', 100, 110), // after the phase
    ];
    const figures = phaseFigures(requests, 0, 50);
    expect(figures).toMatchObject({
      wallMs: 50,
      requests: 4,
      roundTrips: 3,
      chainMs: 28,
      busyMs: 30,
      clientMs: 20,
    });
    expect([...figures.byOperation]).toEqual([
      ['CreateNetworkAclEntry', 2],
      ['CreateNetworkAcl', 1],
      ['DescribeVpcs', 1],
    ]);
  });

  it("with the ledger's writes, tells the time with a write pending from the CPU's", () => {
    const requests = [request('CreateNetworkAcl', 10, 20), request('ReplaceNetworkAclAssociation', 30, 40)];
    const writes = [
      { kind: 'intent', start: 5, end: 10 },
      { kind: 'done', start: 20, end: 25 },
      { kind: 'intent', start: 22, end: 30 },
      { kind: 'done', start: 60, end: 70 }, // after the phase
    ];
    expect(phaseFigures(requests, 0, 50, writes)).toMatchObject({
      busyMs: 20,
      clientMs: 30,
      ledgerWrites: 3,
      ledgerMs: 15,
      idleMs: 15, // 0–5 and 40–50
    });
    expect(phaseFigures(requests, 0, 50)).toMatchObject({ clientMs: 30, idleMs: 30 });
    expect(phaseFigures(requests, 0, 50)).not.toHaveProperty('ledgerWrites');
  });

  it('takes a request into the phase it started in', () => {
    expect(within([request('A', 9, 12), request('B', 10, 11)], 0, 10).map((r) => r.operation)).toEqual(['A']);
  });
});

describe('lastBlockingMove', () => {
  it('is the answer of the last successful move onto a blocking ACL, not a move back or a refused one', () => {
    const isBlocking = (acl: string) => acl.startsWith('acl-block');
    const requests = [
      request('ReplaceNetworkAclAssociation', 0, 10, { networkAclId: 'acl-block-1' }),
      request('ReplaceNetworkAclAssociation', 0, 14, { networkAclId: 'acl-block-2' }),
      request('ReplaceNetworkAclAssociation', 0, 30, { networkAclId: 'acl-block-2', status: 400 }),
      request('ReplaceNetworkAclAssociation', 20, 40, { networkAclId: 'acl-original' }),
      request('DescribeNetworkAcls', 40, 50),
    ];
    expect(lastBlockingMove(requests, isBlocking)).toEqual({ moves: 2, at: 14 });
    expect(lastBlockingMove([], isBlocking)).toEqual({ moves: 0, at: undefined });
  });
});

describe('serialMotoTime', () => {
  it("sums count times each operation's time alone, with a fallback for operations not measured", () => {
    const alone = medianDurations([
      request('A', 0, 2),
      request('A', 0, 4),
      request('A', 0, 30),
      request('B', 0, 5),
    ]);
    expect(alone.get('A')).toBe(4);
    const byOperation = countByOperation([
      request('A', 0, 1),
      request('A', 0, 1),
      request('B', 0, 1),
      request('C', 0, 1),
    ]);
    expect(serialMotoTime(byOperation, alone, 1)).toBe(2 * 4 + 5 + 1);
  });
});

describe('describeRequest', () => {
  it("reads the EC2 Action from the form body, and a move's target ACL", () => {
    const move = Buffer.from(
      'Action=ReplaceNetworkAclAssociation&Version=2016-11-15&AssociationId=aclassoc-1&NetworkAclId=acl-9',
    );
    expect(describeRequest('/', move)).toEqual({
      operation: 'ReplaceNetworkAclAssociation',
      networkAclId: 'acl-9',
    });
    expect(describeRequest('/', Buffer.from('Action=DeleteNetworkAcl&NetworkAclId=acl-9'))).toEqual({
      operation: 'DeleteNetworkAcl',
    });
    expect(describeRequest('/?Action=DescribeVpcs', Buffer.alloc(0))).toEqual({ operation: 'DescribeVpcs' });
  });
});
