// Whether a pod-kill run measured what it was asked to. A row whose sample pods were not all seen deleted
// measured nothing (0 samples) or less than asked: its p50/p95 say nothing, so the run fails (exit 1) with
// the reason on stderr instead of printing "n/a" and exiting 0.

const names = { typescript: '@chaosgarden/k8s', python: 'python chaosgarden' };

const because = (row) => (row.why ? `: ${row.why}` : '');

/**
 * @param {readonly { tool: string, count: number, latencies: readonly number[], samples: number }[]} rows
 * @param {{ counts: readonly number[], tools: readonly string[] }} asked the pod counts and tools asked for
 * @returns {{ ok: boolean, problems: string[] }}
 */
export function verdict(rows, asked) {
  const problems = [];
  for (const count of asked.counts) {
    for (const tool of asked.tools) {
      const row = rows.find((candidate) => candidate.count === count && candidate.tool === tool);
      const who = `${names[tool] ?? tool} with ${count} pods`;
      if (row === undefined) {
        problems.push(`${who}: not measured`);
      } else if (row.samples <= 0) {
        problems.push(`${who}: no sample pod was asked for`);
      } else if (row.latencies.length === 0) {
        problems.push(`${who}: measured nothing (0/${row.samples} samples measured)${because(row)}`);
      } else if (row.latencies.length < row.samples) {
        problems.push(
          `${who}: fewer samples than asked (${row.latencies.length}/${row.samples} samples measured)${because(row)}`,
        );
      }
      if (row?.problem !== undefined) problems.push(`${who}: ${row.problem}`);
    }
  }
  return { ok: problems.length === 0, problems };
}

/** The stderr text of a failed verdict. */
export function formatProblems(problems) {
  return [
    'bench pod-kill: FAILED, it measured less than asked:',
    ...problems.map((problem) => `  - ${problem}`),
  ].join('\n');
}
