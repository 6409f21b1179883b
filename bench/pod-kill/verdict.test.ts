import { describe, expect, it } from 'vitest';
import { formatReport } from './report.mjs';
import { formatProblems, verdict } from './verdict.mjs';

const asked = { counts: [100, 5000], tools: ['typescript', 'python'] };
const row = (tool: string, count: number, seen: number, samples = 50, extra = {}) => ({
  tool,
  count,
  samples,
  latencies: Array.from({ length: seen }, (_, index) => 10 + index),
  reads: 0,
  lists: 0,
  watches: 0,
  gets: 0,
  megabytes: 0,
  ...extra,
});
const context = {
  sandbox: { versions: { kubernetes: 'v1.37.2', kwok: 'v0.7.0', chaosgarden: '0.2.15' } },
  samples: 50,
  intervalMs: 200,
  steadyMs: 30_000,
  seconds: 60,
};

describe('pod-kill verdict', () => {
  it('fails a report in which a size measured nothing (0/50 for both tools)', () => {
    const rows = [
      row('typescript', 100, 50),
      row('python', 100, 50),
      row('typescript', 5000, 0),
      row('python', 5000, 0),
    ];
    const result = verdict(rows, asked);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      '@chaosgarden/k8s with 5000 pods: measured nothing (0/50 samples measured)',
      'python chaosgarden with 5000 pods: measured nothing (0/50 samples measured)',
    ]);
    expect(formatProblems(result.problems)).toContain('FAILED');
    // The table itself shows it too.
    expect(formatReport(rows, context)).toMatch(/5000 +@chaosgarden\/k8s +n\/a +n\/a +0\/50/);
  });

  it('fails fewer samples than asked, and a size or tool that was not measured at all', () => {
    const result = verdict(
      [row('typescript', 100, 49), row('python', 100, 50), row('typescript', 5000, 50)],
      asked,
    );
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      '@chaosgarden/k8s with 100 pods: fewer samples than asked (49/50 samples measured)',
      'python chaosgarden with 5000 pods: not measured',
    ]);
  });

  it('says why the samples are missing when the bench knows', () => {
    const rows = [
      row('typescript', 100, 0, 50, { why: "the bench's watch never saw 50 of them created" }),
      row('python', 100, 40, 50, { why: '10 not deleted within 300 s of the last creation' }),
    ];
    expect(verdict(rows, { counts: [100], tools: ['typescript', 'python'] }).problems).toEqual([
      "@chaosgarden/k8s with 100 pods: measured nothing (0/50 samples measured): the bench's watch never saw 50 of them created",
      'python chaosgarden with 100 pods: fewer samples than asked (40/50 samples measured): 10 not deleted within 300 s of the last creation',
    ]);
  });

  it('fails a row that carries a problem of its own even when every sample was seen', () => {
    const rows = [
      row('typescript', 100, 50, 50, { problem: "the bench's pod watch missed 3 s; 2 samples dropped" }),
      row('python', 100, 50),
    ];
    const result = verdict(rows, { counts: [100], tools: ['typescript', 'python'] });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      "@chaosgarden/k8s with 100 pods: the bench's pod watch missed 3 s; 2 samples dropped",
    ]);
  });

  it('passes when every size and tool saw all the samples asked for, bounded ones included', () => {
    const rows = [
      row('typescript', 100, 50),
      row('python', 100, 50),
      row('typescript', 5000, 50),
      row('python', 5000, 10, 10, { bounded: 'samples bounded to 10 (--python-samples-large)' }),
    ];
    expect(verdict(rows, asked)).toEqual({ ok: true, problems: [] });
    expect(formatReport(rows, context)).toContain('samples bounded to 10 (--python-samples-large)');
  });
});
