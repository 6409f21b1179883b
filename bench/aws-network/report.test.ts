import { describe, expect, it } from 'vitest';
import { bound, goalLine, parallelism, summarizeTraced, tracedLines } from './report.mjs';

const phase = (requests: number, wallMs: number, byOperation: [string, number][]) => ({
  wallMs,
  requests,
  byOperation: new Map(byOperation),
  roundTrips: requests,
  chainMs: wallMs,
  busyMs: wallMs / 2,
  clientMs: wallMs / 2,
});

const probe = {
  describeVpcs: { aloneMs: 2, burst: 18, burstMs: 36, burstPerRequestMs: 2 },
  replace: { aloneMs: 5, burst: 18, burstMs: 90, burstPerRequestMs: 5 },
};

describe('parallelism', () => {
  it('is 1 when n requests at once take n times one alone (moto answers in turn)', () => {
    expect(parallelism(probe.replace)).toBe(1);
    expect(parallelism({ aloneMs: 5, burst: 18, burstMs: 30 })).toBe(3);
  });
});

describe('bound', () => {
  it("is the Python tool's time over our requests' moto time, each at its time alone", () => {
    const ours = summarizeTraced([
      {
        toBlockedMs: 100,
        partition: phase(20, 120, [
          ['ReplaceNetworkAclAssociation', 18],
          ['DescribeVpcs', 1],
          ['CreateTags', 1],
        ]),
        rollback: phase(18, 100, [['ReplaceNetworkAclAssociation', 18]]),
      },
    ]);
    const python = summarizeTraced([
      { toBlockedMs: 250, partition: phase(19, 300, []), rollback: phase(18, 180, []) },
    ]);
    const alone = new Map([
      ['ReplaceNetworkAclAssociation', 5],
      ['DescribeVpcs', 2],
    ]);
    // 18 × 5 + 2 + CreateTags (not sent by the Python tool: DescribeVpcs' time alone, 2) = 94 ms.
    expect(bound({ ours, python, probe, aloneByOperation: alone })).toMatchObject({
      side: 1,
      partitionMs: 94,
      rollbackMs: 90,
      partitionRatio: 300 / 94,
      rollbackRatio: 2,
    });
    const lines = tracedLines({ ours, python, runs: 1, probe, aloneByOperation: alone });
    expect(lines.find((line) => line.includes('start until every subnet is blocked'))).toMatch(
      /100 ms\s+250 ms\s+2\.50x$/,
    );
    expect(lines.find((line) => line.includes('EC2 requests'))).toMatch(/20\s+19$/);
    expect(lines.at(-2)).toBe(
      "  moto per request, the Python tool's (one at a time, medians): DescribeVpcs 2.0 ms, ReplaceNetworkAclAssociation 5.0 ms",
    );
    expect(lines.at(-1)).toContain('Python/ours at most 3.19x and 2.00x with these requests');
  });
});

describe('summarizeTraced', () => {
  it('takes medians over runs and marks a request count that differs between runs', () => {
    const run = (requests: number, toBlockedMs: number) => ({
      toBlockedMs,
      partition: phase(requests, 100, []),
      rollback: phase(10, 50, []),
    });
    const summary = summarizeTraced([run(40, 90), run(41, 100), run(40, 200)]);
    expect(summary.toBlockedMs).toBe(100);
    expect(summary.partition).toMatchObject({ requests: 40, varies: true });
    expect(summary.rollback).toMatchObject({ requests: 10, varies: false });
  });
});

describe('goalLine', () => {
  it('says whether both ratios reach 3x', () => {
    expect(goalLine({ partition: 1.47, rollback: 3.2 })).toMatch(/1\.47x, roll-back 3\.20x: not met$/);
    expect(goalLine({ partition: 3, rollback: 3.2 })).toMatch(/: met$/);
  });
});
