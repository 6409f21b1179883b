// What a trace of EC2 requests (as the tracing proxy saw them) says about one phase of one tool: how many
// requests of which operation, how many round trips had to follow each other, how long at least one
// request was at moto, and when the last subnet went onto its blocking ACL. Pure: no I/O, no clock.

/**
 * @typedef {{ operation: string, start: number, end: number, status: number, networkAclId?: string }} TracedRequest
 *   `start`: the request arrived at the proxy; `end`: its answer was sent on (ms, one clock for all).
 */

/** The requests that started within [from, to). */
export function within(requests, from, to) {
  return requests.filter((request) => request.start >= from && request.start < to);
}

/** Operation → how many requests, sorted by count (then name). */
export function countByOperation(requests) {
  const counts = new Map();
  for (const { operation } of requests) counts.set(operation, (counts.get(operation) ?? 0) + 1);
  return new Map([...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}

/**
 * The critical path's round trips: the longest chain of requests in which each one started only after
 * the one before it had been answered (what a client had to wait for one after the other). Requests that
 * overlap count once. Picking, again and again, the request that is answered first among those starting
 * after the chain's last answer yields a longest chain (interval scheduling).
 */
export function criticalPath(requests) {
  const byEnd = [...requests].sort((a, b) => a.end - b.end || a.start - b.start);
  const chain = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const request of byEnd) {
    if (request.start >= last) {
      chain.push(request);
      last = request.end;
    }
  }
  return chain;
}

/** How long at least one of the requests was in flight (the union of their intervals), in ms. */
export function busyTime(requests) {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  let busy = 0;
  let [from, to] = [Number.NaN, Number.NaN];
  for (const { start, end } of sorted) {
    if (!(start <= to)) {
      if (to > from) busy += to - from;
      [from, to] = [start, end];
    } else if (end > to) {
      to = end;
    }
  }
  if (to > from) busy += to - from;
  return busy;
}

/**
 * When the last successful move onto a blocking ACL was answered (moto had made it by then), and how
 * many such moves there were. `isBlockingAcl` tells a blocking ACL id from an original one.
 */
export function lastBlockingMove(requests, isBlockingAcl) {
  const moves = requests.filter(
    (request) =>
      request.operation === 'ReplaceNetworkAclAssociation' &&
      request.status === 200 &&
      request.networkAclId !== undefined &&
      isBlockingAcl(request.networkAclId),
  );
  return {
    moves: moves.length,
    at: moves.length === 0 ? undefined : Math.max(...moves.map((move) => move.end)),
  };
}

/**
 * The figures of one phase that ran over [from, to): requests (all and by operation), critical-path
 * round trips and the time moto spent on them, the time with a request in flight and the rest (the
 * client's own work: CPU, ledger, process start). With the ledger's `writes` ({ start, end }), also how
 * many were started in the phase, the time with one pending, and the time with neither a request nor a
 * ledger write pending (`idleMs`: the client's CPU).
 */
export function phaseFigures(requests, from, to, writes = undefined) {
  const phase = within(requests, from, to);
  const chain = criticalPath(phase);
  const busy = busyTime(phase);
  const figures = {
    wallMs: to - from,
    requests: phase.length,
    byOperation: countByOperation(phase),
    roundTrips: chain.length,
    chainMs: chain.reduce((sum, request) => sum + (request.end - request.start), 0),
    busyMs: busy,
    clientMs: Math.max(0, to - from - busy),
  };
  if (writes === undefined) return { ...figures, idleMs: figures.clientMs };
  const phaseWrites = within(writes, from, to);
  return {
    ...figures,
    ledgerWrites: phaseWrites.length,
    ledgerMs: busyTime(phaseWrites),
    idleMs: Math.max(0, to - from - busyTime([...phase, ...phaseWrites])),
  };
}

/** Operation → median time of one request of it (ms). */
export function medianDurations(requests) {
  const durations = new Map();
  for (const { operation, start, end } of requests) {
    durations.set(operation, [...(durations.get(operation) ?? []), end - start]);
  }
  return new Map([...durations].map(([operation, values]) => [operation, median(values)]));
}

/**
 * The moto time a phase's requests need when moto answers one request at a time: the sum over its
 * operations of count × that operation's time alone (`alone`, e.g. from the Python tool's sequential
 * requests; an operation missing there takes `fallbackMs`).
 */
export function serialMotoTime(byOperation, alone, fallbackMs) {
  let total = 0;
  for (const [operation, count] of byOperation) total += count * (alone.get(operation) ?? fallbackMs);
  return total;
}

export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle];
}
