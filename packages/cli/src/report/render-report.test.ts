import { describe, expect, it } from 'vitest';
import type { ActivityRun, Journal } from '../journal/journal-types';
import { renderReport } from './render-report';

const run = (
  name: string,
  phase: string,
  status: ActivityRun['status'],
  start: string,
  end: string,
): ActivityRun => ({
  activity: { name, type: 'action' },
  phase,
  status,
  start,
  end,
  duration: (Date.parse(end) - Date.parse(start)) / 1000,
});

function journal(): Journal {
  const probe = run('health-probe', 'method', 'succeeded', '2026-01-01T00:00:01Z', '2026-01-01T00:00:09Z');
  probe.healthProbe = {
    rows: [
      {
        probe: 'api',
        zone: 'us-east-1a',
        phases: [
          { state: 'Ready', start: 1767225601, durationSeconds: 3 },
          { state: 'NotReady', start: 1767225604, durationSeconds: 4 },
        ],
      },
      {
        probe: 'api',
        zone: 'us-east-1b',
        phases: [{ state: 'Ready', start: 1767225601, durationSeconds: 7 }],
      },
    ],
  };
  return {
    'chaoslib-version': null,
    platform: 'linux x64',
    node: 'v22',
    experiment: { title: 'Zone <a> & "b"', description: 'd' },
    start: '2026-01-01T00:00:00Z',
    end: '2026-01-01T00:00:10Z',
    duration: 10,
    status: 'interrupted',
    deviated: false,
    steady_states: { before: null, after: null, during: [] },
    run: [
      probe,
      run('<script>alert(1)</script>', 'method', 'failed', '2026-01-01T00:00:02Z', '2026-01-01T00:00:03Z'),
    ],
    rollbacks: [run('rollback', 'rollbacks', 'succeeded', '2026-01-01T00:00:09Z', '2026-01-01T00:00:10Z')],
    chaosgarden: {
      version: '0',
      rollbackStrategy: 'always',
      dryRun: false,
      signal: 'SIGTERM',
      ledgerRunId: 'r',
      warnings: [],
    },
  };
}

describe('renderReport', () => {
  it('draws one bar per activity at its place in time and one lane per health-probe zone with its phases', () => {
    const html = renderReport(journal());
    expect(html.match(/<rect class="activity"/g)).toHaveLength(3);
    expect(html).toContain('data-zone="us-east-1a" data-state="Ready" x="369.0" y="82" width="207.0"');
    expect(html).toContain('data-zone="us-east-1a" data-state="NotReady" x="576.0" y="82" width="276.0"');
    expect(html).toContain('health probe api in us-east-1b');
    expect(html).toContain('interrupted by SIGTERM');
  });

  it('escapes names from the experiment, so the report runs no script', () => {
    const html = renderReport(journal());
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Zone &lt;a&gt; &amp; &quot;b&quot;');
  });
});
