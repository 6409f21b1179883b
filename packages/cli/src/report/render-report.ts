import type { ActivityRun, Journal } from '../journal/journal-types';
import { escapeHtml } from './escape-html';
import { allRuns, timelineSvg } from './timeline-svg';

const style = `body{font:14px system-ui,sans-serif;margin:24px;color:#212121}h1{font-size:20px}
.status{display:inline-block;padding:2px 8px;border-radius:4px;color:#fff}
.completed{background:#2e7d32}.failed,.aborted{background:#c62828}.interrupted{background:#ef6c00}
svg .label{font-size:12px}svg .axis{font-size:11px;fill:#616161}
table{border-collapse:collapse;margin-top:16px}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
pre{margin:0;white-space:pre-wrap;max-width:520px}`;

/**
 * A self-contained HTML report of a journal: summary, SVG timeline (activities, simulations' changes,
 * health-probe phases per zone) and a table of the activities. No script, no external resource.
 */
export function renderReport(journal: Journal): string {
  const experiment = journal.experiment as { title?: string; description?: string };
  const rows = allRuns(journal).map(activityRow).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(experiment.title ?? 'Experiment')} – chaosgarden report</title><style>${style}</style></head>
<body>
<h1 id="title">${escapeHtml(experiment.title ?? 'Experiment')}</h1>
<p>${escapeHtml(experiment.description ?? '')}</p>
<p>Status <span id="status" class="status ${escapeHtml(journal.status)}">${escapeHtml(journal.status)}</span>${journal.deviated ? ' (deviated)' : ''}
 · started ${escapeHtml(journal.start)} · ${journal.duration.toFixed(1)} s · rollback strategy ${escapeHtml(journal.chaosgarden.rollbackStrategy)}${journal.chaosgarden.signal === undefined ? '' : ` · interrupted by ${escapeHtml(journal.chaosgarden.signal)}`}</p>
<h2>Timeline</h2>
${timelineSvg(journal)}
<h2>Activities</h2>
<table id="activities"><thead><tr><th>Phase</th><th>Activity</th><th>Status</th><th>Duration</th><th>Cloud changes</th><th>Error</th></tr></thead><tbody>${rows}</tbody></table>
</body></html>
`;
}

function activityRow(run: ActivityRun): string {
  const changes = (run.changes ?? []).filter((entry) => entry.phase !== 'intent');
  const summary =
    changes.length === 0
      ? ''
      : `${changes.filter((entry) => entry.phase === 'done').length} done, ${changes.filter((entry) => entry.phase === 'undone').length} undone`;
  return `<tr data-status="${escapeHtml(run.status)}"><td>${escapeHtml(run.phase)}</td><td>${escapeHtml(run.activity.name)}</td><td>${escapeHtml(run.status)}</td><td>${run.duration.toFixed(1)} s</td><td>${escapeHtml(summary)}</td><td><pre>${escapeHtml((run.exception ?? []).join(': '))}</pre></td></tr>`;
}
