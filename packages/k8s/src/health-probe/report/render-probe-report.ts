import type { ProbeState } from '../metrics/metric-types';
import type { ProbeReport, ProbeReportRow } from './probe-report-data';

const colours: Record<ProbeState, string> = { Ready: '#2e9d52', NotReady: '#d64545', Unknown: '#9aa0a6' };
const labelWidth = 260;
const chartWidth = 900;
const rowHeight = 22;

/**
 * A self-contained HTML page (no scripts, no external resources): summary table, violations and a
 * timeline with one row per probe and zone, each phase a rectangle coloured by state (inline SVG).
 */
export function renderProbeReport(report: ProbeReport): string {
  const verdict = report.violations.length === 0 ? 'passed' : 'failed';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Cluster health probe – ${escapeHtml(report.host)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #202124; }
table { border-collapse: collapse; margin: 12px 0; }
th, td { border: 1px solid #dadce0; padding: 3px 8px; text-align: right; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
tr.violated td { background: #fce8e6; }
.legend span { display: inline-block; margin-right: 16px; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: middle; }
</style>
</head>
<body>
<h1>Cluster health probe: <span id="verdict">${verdict}</span></h1>
<p>${escapeHtml(report.host)} · ${isoTime(report.start)} – ${isoTime(report.stop)} (${report.stop - report.start}s) · total downtime ${report.downtimeSeconds}s</p>
${violationList(report)}
<h2>Timeline</h2>
<p class="legend">${(Object.keys(colours) as ProbeState[])
    .map(
      (state) =>
        `<span><i style="background:${colours[state]}"></i>${state === 'Unknown' ? 'Gap (no heartbeat)' : state}</span>`,
    )
    .join('')}</p>
${timeline(report)}
<h2>Per probe and zone</h2>
${table(report)}
</body>
</html>
`;
}

function violationList(report: ProbeReport): string {
  if (report.violations.length === 0) return '<p>No threshold violated.</p>';
  return `<ul id="violations">${report.violations.map((violation) => `<li>${escapeHtml(violation.message)}</li>`).join('')}</ul>`;
}

function table(report: ProbeReport): string {
  const header = ['Probe', 'Zone', 'Sent', 'Received', 'Lost', 'Gaps', 'Downtime (s)', 'Tolerated (s)'];
  const rows = report.rows.map((row) => {
    const violated = row.lost !== 0 || row.downtimeSeconds > row.tolerationSeconds;
    const cells = [
      row.probe,
      row.zone,
      row.sent,
      row.received,
      row.lost,
      row.gaps,
      row.downtimeSeconds,
      row.tolerationSeconds,
    ];
    return `<tr${violated ? ' class="violated"' : ''}>${cells.map((cell) => `<td>${escapeHtml(String(cell))}</td>`).join('')}</tr>`;
  });
  return `<table id="summary"><thead><tr>${header.map((cell) => `<th>${cell}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function timeline(report: ProbeReport): string {
  const from = report.start;
  const span = Math.max(1, report.stop - report.start);
  const x = (time: number) =>
    labelWidth + (Math.min(Math.max(time, from), report.stop) - from) * (chartWidth / span);
  const height = 30 + report.rows.length * rowHeight;
  const ticks: string[] = [];
  const step = niceStep(span);
  for (let offset = 0; offset <= span; offset += step) {
    const position = x(from + offset).toFixed(1);
    ticks.push(
      `<line x1="${position}" x2="${position}" y1="20" y2="${height}" stroke="#e8eaed"/>` +
        `<text x="${position}" y="14" font-size="11" text-anchor="middle">${offset}s</text>`,
    );
  }
  const rows = report.rows.map((row, index) => timelineRow(row, index, x));
  return `<svg id="timeline" xmlns="http://www.w3.org/2000/svg" width="${labelWidth + chartWidth + 10}" height="${height}" role="img" aria-label="Phases per probe and zone">
${ticks.join('\n')}
${rows.join('\n')}
</svg>`;
}

function timelineRow(row: ProbeReportRow, index: number, x: (time: number) => number): string {
  const y = 24 + index * rowHeight;
  const bars = row.phases
    .filter((phase) => phase.durationSeconds > 0)
    .map((phase) => {
      const left = x(phase.start);
      const width = Math.max(0.5, x(phase.start + phase.durationSeconds) - left);
      return `<rect class="phase" data-state="${phase.state}" x="${left.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${rowHeight - 6}" fill="${colours[phase.state]}"><title>${phase.state} for ${phase.durationSeconds}s from ${isoTime(phase.start)}</title></rect>`;
    });
  return `<g class="timeline-row" data-probe="${escapeHtml(row.probe)}" data-zone="${escapeHtml(row.zone)}">
<text x="0" y="${y + 12}" font-size="12">${escapeHtml(row.probe)} · ${escapeHtml(row.zone)} (${row.downtimeSeconds}s down)</text>
${bars.join('')}
</g>`;
}

function niceStep(span: number): number {
  for (const step of [5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600]) {
    if (span / step <= 12) return step;
  }
  return Math.ceil(span / 12);
}

function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
