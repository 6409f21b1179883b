// The traced part of the bench's output: per tool, side by side, the time until every subnet was blocked,
// and per phase the requests, the critical-path round trips and where the time went; then moto's own time
// per request and what it bounds. Pure: figures in, lines out.
import { median, serialMotoTime } from './trace.mjs';

export const goal = 3;

/**
 * Medians over runs of one tool's traced figures; `byOperation` of the first run, with `varies` set when
 * another run sent another number of requests.
 * @param {{ toBlockedMs: number, partition: any, rollback: any }[]} runs
 */
export function summarizeTraced(runs) {
  const phase = (key) => {
    const figures = runs.map((run) => run[key]);
    const of = (field) => median(figures.map((f) => f[field]));
    return {
      wallMs: of('wallMs'),
      requests: of('requests'),
      roundTrips: of('roundTrips'),
      busyMs: of('busyMs'),
      clientMs: of('clientMs'),
      idleMs: of('idleMs'),
      ledgerWrites: figures[0].ledgerWrites === undefined ? undefined : of('ledgerWrites'),
      ledgerMs: figures[0].ledgerMs === undefined ? undefined : of('ledgerMs'),
      byOperation: figures[0].byOperation,
      varies: new Set(figures.map((f) => f.requests)).size > 1,
    };
  };
  return {
    toBlockedMs: median(runs.map((run) => run.toBlockedMs)),
    partition: phase('partition'),
    rollback: phase('rollback'),
  };
}

/** "1.47x, 2.13x: under the 3x goal" for the untraced medians. */
export function goalLine(ratios) {
  const met = ratios.partition >= goal && ratios.rollback >= goal;
  return (
    `  goal ${goal}x faster than the Python tool (file ledger): partition ${ratios.partition.toFixed(2)}x, ` +
    `roll-back ${ratios.rollback.toFixed(2)}x: ${met ? 'met' : 'not met'}`
  );
}

/**
 * @param {{ ours: ReturnType<typeof summarizeTraced>, python: ReturnType<typeof summarizeTraced>,
 *   runs: number, probe: any, aloneByOperation: Map<string, number> }} traced
 */
export function tracedLines({ ours, python, runs, probe, aloneByOperation }) {
  const row = (label, a, b, ratio) =>
    `    ${label.padEnd(38)}${a.padStart(12)}${b.padStart(12)}${ratio === undefined ? '' : ratio.padStart(14)}`;
  const time = (label, a, b) => row(label, ms(a), ms(b), `${(b / a).toFixed(2)}x`);
  const lines = [
    `  through a tracing proxy in front of moto (medians of ${runs} run(s); chaosgarden with the file ledger):`,
    row('', 'chaosgarden', 'Python', 'Python/ours'),
    time('start until every subnet is blocked', ours.toBlockedMs, python.toBlockedMs),
  ];
  for (const [label, key] of [
    ['partition', 'partition'],
    ['roll-back', 'rollback'],
  ]) {
    const [a, b] = [ours[key], python[key]];
    lines.push(
      time(label, a.wallMs, b.wallMs),
      row('  EC2 requests', count(a), count(b)),
      row('  critical-path round trips', String(a.roundTrips), String(b.roundTrips)),
      row('  time with a request at moto', ms(a.busyMs), ms(b.busyMs)),
      row("  time with none (the tool's own work)", ms(a.clientMs), ms(b.clientMs)),
    );
    if (a.ledgerWrites !== undefined) {
      lines.push(
        row('  ledger writes (intent, done, undone)', String(a.ledgerWrites), '-'),
        row('  time with a ledger write pending', ms(a.ledgerMs), '-'),
        row('  time with neither (CPU, start-up)', ms(a.idleMs), ms(b.idleMs)),
      );
    }
  }
  for (const [label, key] of [
    ['partition', 'partition'],
    ['roll-back', 'rollback'],
  ]) {
    lines.push(`  ${label} requests, chaosgarden: ${operations(ours[key].byOperation)}`);
    lines.push(`  ${label} requests, Python:      ${operations(python[key].byOperation)}`);
  }
  lines.push(
    ...motoLines(probe),
    `  moto per request, the Python tool's (one at a time, medians): ${[...aloneByOperation]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([operation, value]) => `${operation} ${ms(value, 1)}`)
      .join(', ')}`,
    ...boundLines({ ours, python, probe, aloneByOperation }),
  );
  return lines;
}

/** How many requests moto answers side by side: n requests at once against n × one alone. */
export function parallelism(figure) {
  return (figure.burst * figure.aloneMs) / figure.burstMs;
}

function motoLines(probe) {
  const { describeVpcs: d, replace: r } = probe;
  return [
    `  moto per request, sent alone (median of 20): DescribeVpcs ${ms(d.aloneMs, 1)}, ReplaceNetworkAclAssociation ${ms(r.aloneMs, 1)}`,
    `  moto per request, ${r.burst} sent at once: DescribeVpcs ${ms(d.burstPerRequestMs, 1)}, ReplaceNetworkAclAssociation ${ms(r.burstPerRequestMs, 1)} ` +
      `(moto answers ${parallelism(d).toFixed(1)} and ${parallelism(r).toFixed(1)} at a time)`,
  ];
}

/**
 * What moto's time bounds: our requests, each at its time alone (the Python tool's sequential requests),
 * divided by how many moto answers at a time, is the least time these requests can take; the Python tool's
 * time over that is the highest ratio any client sending them could reach.
 */
export function bound({ ours, python, probe, aloneByOperation }) {
  const side = Math.max(1, parallelism(probe.replace));
  const fallback = probe.describeVpcs.aloneMs;
  const least = (key) => serialMotoTime(ours[key].byOperation, aloneByOperation, fallback) / side;
  const partition = least('partition');
  const rollback = least('rollback');
  return {
    side,
    partitionMs: partition,
    rollbackMs: rollback,
    partitionRatio: python.partition.wallMs / partition,
    rollbackRatio: python.rollback.wallMs / rollback,
  };
}

function boundLines(figures) {
  const b = bound(figures);
  return [
    `  bound: chaosgarden's requests need at least ${ms(b.partitionMs)} (partition) and ${ms(b.rollbackMs)} (roll-back) of moto's time ` +
      `(each at its time alone, ${b.side.toFixed(1)} at a time): Python/ours at most ${b.partitionRatio.toFixed(2)}x and ${b.rollbackRatio.toFixed(2)}x with these requests`,
  ];
}

function count(phase) {
  return `${phase.requests}${phase.varies ? '*' : ''}`;
}

function operations(byOperation) {
  return [...byOperation].map(([operation, n]) => `${operation} ${n}`).join(', ');
}

function ms(value, digits = 0) {
  return `${value.toFixed(digits)} ms`;
}

/**
 * One line per request of a traced run, from `from` on: start and answer (ms after `from`), the operation,
 * and `*` on the requests of the critical path (`chain`).
 */
export function timelineLines(title, requests, from, chain) {
  const onChain = new Set(chain);
  return [
    `  ${title}:`,
    ...[...requests]
      .sort((a, b) => a.start - b.start)
      .map(
        (request) =>
          `    ${(request.start - from).toFixed(1).padStart(7)} → ${(request.end - from).toFixed(1).padStart(7)} ms ` +
          `${onChain.has(request) ? '*' : ' '} ${request.operation}${request.networkAclId ? ` → ${request.networkAclId}` : ''}`,
      ),
  ];
}
