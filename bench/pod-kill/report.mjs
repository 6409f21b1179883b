// Formats the pod-kill benchmark's measurements: one line per pod count and tool, the ratios, and whether
// the targets (p95 under 200 ms, requests per minute independent of the pod count) are met.

/** Nearest-rank percentile of a list of milliseconds. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const names = { typescript: '@chaosgarden/k8s', python: 'python chaosgarden' };
const ms = (value) => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
const ratio = (slow, fast) => (fast > 0 ? `${(slow / fast).toFixed(1)}x` : slow > 0 ? '∞ (none sent)' : '–');

export function formatReport(rows, context) {
  const { sandbox, samples, intervalMs, steadyMs, seconds } = context;
  const drain = context.drainMs
    ? `; deletions awaited up to ${context.drainMs.typescript / 1000} s (@chaosgarden/k8s) and ` +
      `${context.drainMs.python / 1000} s (python) after the last creation`
    : '';
  const lines = [
    `bench pod-kill: kube-apiserver ${sandbox.versions.kubernetes} + kwok ${sandbox.versions.kwok} (sandbox), ` +
      `python chaosgarden ${sandbox.versions.chaosgarden}, node ${process.version}`,
    `  ${samples} pods (fewer where bounded, see below) created one by one (every ${intervalMs} ms) in the target zone, runtime 0; latency = creation → ` +
      `deletion requested, seen by a separate watch; requests counted by a proxy over a ${steadyMs / 1000} s steady window${drain}`,
    '',
    `  ${'pods'.padEnd(6)} ${'tool'.padEnd(20)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'deleted'.padStart(8)}` +
      `   ${'reads/min'.padStart(9)} ${'(list'.padStart(6)} ${'watch'.padStart(6)} ${'get)'.padStart(5)} ${'MB/min'.padStart(8)}`,
  ];
  for (const row of rows) {
    lines.push(
      `  ${String(row.count).padEnd(6)} ${names[row.tool].padEnd(20)} ${ms(percentile(row.latencies, 50)).padStart(9)} ` +
        `${ms(percentile(row.latencies, 95)).padStart(9)} ${`${row.latencies.length}/${row.samples}`.padStart(8)}   ` +
        `${row.reads.toFixed(1).padStart(9)} ${row.lists.toFixed(1).padStart(6)} ${row.watches.toFixed(1).padStart(6)} ` +
        `${row.gets.toFixed(1).padStart(5)} ${row.megabytes.toFixed(2).padStart(8)}`,
    );
  }
  const notes = rows.flatMap((row) => [
    ...(row.bounded ? [`  bounded: ${names[row.tool]} with ${row.count} pods: ${row.bounded}`] : []),
    ...(row.note ? [`  note: ${names[row.tool]} with ${row.count} pods: ${row.note}`] : []),
    ...(row.problem ? [`  problem: ${names[row.tool]} with ${row.count} pods: ${row.problem}`] : []),
  ]);
  if (context.watchGaps > 0) {
    notes.push(`  note: the bench's own pod watch was reconnected ${context.watchGaps} time(s)`);
  }
  if (notes.length > 0) lines.push('', ...notes);
  lines.push('');
  for (const count of [...new Set(rows.map((row) => row.count))]) {
    const ts = rows.find((row) => row.count === count && row.tool === 'typescript');
    const py = rows.find((row) => row.count === count && row.tool === 'python');
    if (ts === undefined || py === undefined) continue;
    lines.push(
      `  ${count} pods: python / @chaosgarden/k8s = p50 ${ratio(percentile(py.latencies, 50), percentile(ts.latencies, 50))}, ` +
        `p95 ${ratio(percentile(py.latencies, 95), percentile(ts.latencies, 95))}, reads/min ${ratio(py.reads, ts.reads)}, ` +
        `MB/min ${ratio(py.megabytes, ts.megabytes)}`,
    );
  }
  const ours = rows.filter((row) => row.tool === 'typescript');
  const p95s = ours.map((row) => percentile(row.latencies, 95));
  const within = ours.every((row, index) => row.latencies.length === row.samples && p95s[index] < 200);
  const reads = ours.map((row) => row.reads);
  const flat = Math.max(...reads) - Math.min(...reads) <= 1;
  lines.push(
    '',
    `  target p95 < 200 ms: ${within ? 'met' : 'NOT met'} (${ours.map((row, index) => `${row.count}: ${ms(p95s[index])}`).join(', ')})`,
    `  target requests/min independent of the pod count: ${flat ? 'met' : 'NOT met'} ` +
      `(${ours.map((row) => `${row.count}: ${row.reads.toFixed(1)}/min`).join(', ')}; ` +
      `the tool's own count: ${ours.map((row) => (row.self ? `${row.self.requests.list} lists, ${row.self.requests.watch} watches` : 'n/a')).join('; ')} per run)`,
    '  (@chaosgarden/k8s keeps one watch per resource open, reopens it every 5-10 min and relists every 10 min:',
    '   about 0.5 requests/min in the long run, whatever the pod count; the Python tool lists every pod every pass)',
    `  total ${seconds.toFixed(0)} s`,
  );
  return lines.join('\n');
}
