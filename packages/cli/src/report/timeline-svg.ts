import type { ActivityRun, Journal } from '../journal/journal-types';
import { escapeHtml } from './escape-html';
import { type HealthProbeRow, isHealthProbeData } from './health-probe-data';

const width = 1000;
const labelWidth = 300;
const rowHeight = 26;
const statusColours: Readonly<Record<string, string>> = {
  succeeded: '#2e7d32',
  failed: '#c62828',
  interrupted: '#ef6c00',
  skipped: '#9e9e9e',
  Ready: '#66bb6a',
  NotReady: '#e53935',
  Unknown: '#bdbdbd',
};

type Lane = { label: string; phase: string; render: (y: number, x: (ms: number) => number) => string };

/** Every run of the journal in time order, with the section it belongs to. */
export function allRuns(journal: Journal): ActivityRun[] {
  return [
    ...(journal.steady_states.before?.probes ?? []),
    ...journal.run,
    ...(journal.steady_states.after?.probes ?? []),
    ...journal.rollbacks,
  ];
}

/**
 * The timeline as inline SVG: one lane per activity (a bar from start to end coloured by status, a
 * tick per change its simulation made), then one lane per health-probe zone with its phases.
 */
export function timelineSvg(journal: Journal): string {
  const start = Date.parse(journal.start);
  const end = Math.max(Date.parse(journal.end), start + 1);
  const x = (ms: number) => labelWidth + ((ms - start) / (end - start)) * (width - labelWidth - 10);
  const lanes: Lane[] = allRuns(journal).map((run) => activityLane(run));
  for (const run of allRuns(journal)) {
    const probe = (run as { healthProbe?: unknown }).healthProbe;
    if (isHealthProbeData(probe)) lanes.push(...probe.rows.map((row) => probeLane(row)));
  }
  const height = lanes.length * rowHeight + 30;
  const body = lanes
    .map((lane, index) => {
      const y = index * rowHeight + 4;
      const label = `<text x="4" y="${y + 16}" class="label">${escapeHtml(lane.label)}</text>`;
      return `<g class="lane" data-phase="${escapeHtml(lane.phase)}">${label}${lane.render(y, x)}</g>`;
    })
    .join('');
  const axis = `<text x="${labelWidth}" y="${height - 8}" class="axis">0 s</text><text x="${width - 10}" y="${height - 8}" class="axis" text-anchor="end">${((end - start) / 1000).toFixed(1)} s</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" id="timeline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Timeline of the run">${body}${axis}</svg>`;
}

function activityLane(run: ActivityRun): Lane {
  const name = String(run.activity.name ?? '');
  return {
    label: `${run.phase}: ${name}`,
    phase: run.phase,
    render: (y, x) => {
      const from = x(Date.parse(run.start));
      const to = Math.max(x(Date.parse(run.end)), from + 2);
      const colour = statusColours[run.status] ?? '#607d8b';
      const bar = `<rect class="activity" data-activity="${escapeHtml(name)}" data-status="${run.status}" x="${from.toFixed(1)}" y="${y}" width="${(to - from).toFixed(1)}" height="${rowHeight - 8}" rx="3" fill="${colour}"><title>${escapeHtml(`${name}: ${run.status}, ${run.duration.toFixed(1)} s`)}</title></rect>`;
      const ticks = (run.changes ?? [])
        .filter((entry) => entry.phase !== 'intent')
        .map((entry) => {
          const at = x(Date.parse(entry.recordedAt)).toFixed(1);
          return `<line class="change" x1="${at}" x2="${at}" y1="${y - 2}" y2="${y + rowHeight - 6}" stroke="${entry.phase === 'undone' ? '#1565c0' : '#000'}"><title>${escapeHtml(`${entry.phase} ${entry.action} ${entry.resources.join(', ')}`)}</title></line>`;
        })
        .join('');
      return bar + ticks;
    },
  };
}

function probeLane(row: HealthProbeRow): Lane {
  return {
    label: `health probe ${row.probe} in ${row.zone}`,
    phase: 'health-probe',
    render: (y, x) =>
      row.phases
        .map((phase) => {
          const from = x(phase.start * 1000);
          const to = Math.max(x((phase.start + phase.durationSeconds) * 1000), from + 1);
          return `<rect class="probe-phase" data-zone="${escapeHtml(row.zone)}" data-state="${escapeHtml(phase.state)}" x="${from.toFixed(1)}" y="${y}" width="${(to - from).toFixed(1)}" height="${rowHeight - 8}" fill="${statusColours[phase.state] ?? '#607d8b'}"><title>${escapeHtml(`${row.zone}: ${phase.state} for ${phase.durationSeconds} s`)}</title></rect>`;
        })
        .join(''),
  };
}
