import { type FaultCounts, type FaultKind, type FaultProxyStats, faultKinds } from './fault-proxy-options';

/** Counts requests and faults, in all and per operation. */
export function createFaultStats(seed: number) {
  const total = emptyCounts();
  const byOperation = new Map<string, FaultCounts>();
  const countsFor = (operation: string) => {
    const counts = byOperation.get(operation) ?? emptyCounts();
    byOperation.set(operation, counts);
    return counts;
  };
  return {
    request(operation: string, fault: FaultKind | 'hold' | undefined): void {
      for (const counts of [total, countsFor(operation)]) {
        counts.requests++;
        if (fault === 'hold') counts.held++;
        else if (fault !== undefined) counts.faults[fault]++;
      }
    },
    snapshot(): FaultProxyStats {
      return {
        seed,
        ...copy(total),
        byOperation: Object.fromEntries(
          [...byOperation].map(([operation, counts]) => [operation, copy(counts)]),
        ),
      };
    },
  };
}

function emptyCounts(): FaultCounts {
  return {
    requests: 0,
    held: 0,
    faults: Object.fromEntries(faultKinds.map((kind) => [kind, 0])) as FaultCounts['faults'],
  };
}

function copy(counts: FaultCounts): FaultCounts {
  return { requests: counts.requests, held: counts.held, faults: { ...counts.faults } };
}
