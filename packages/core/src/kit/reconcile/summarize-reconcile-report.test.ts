import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../logging/memory-logger';
import { emptyReconcileReport } from './empty-reconcile-report';
import { mergeReconcileReport } from './merge-reconcile-report';
import { summarizeReconcileReport } from './summarize-reconcile-report';

const nouns = { found: 'blocking network ACL', restored: 'subnet', removed: 'ACL', place: 'region' };
const target = (id: string) => ({ kind: 'x', id });

describe('summarizeReconcileReport', () => {
  it('logs the warnings, what was verified, what is left and one summary line', () => {
    const report = emptyReconcileReport('example', [], false);
    const place = emptyReconcileReport('example', [], false);
    place.found.push(target('acl-1'));
    place.restored.push(target('subnet-1'), target('subnet-2'));
    place.removed.push(target('acl-1'));
    place.warnings.push('a warning');
    place.verified.push('no blocking network ACL left');
    place.leftovers.push('subnet-3 (still on acl-2)');
    mergeReconcileReport(report, place);
    const logger = createMemoryLogger();
    summarizeReconcileReport(report, nouns, logger);
    expect(logger.entries.map((entry) => [entry.level, entry.message])).toEqual([
      ['warn', 'a warning'],
      ['info', 'Verified: no blocking network ACL left'],
      ['error', 'Could not restore: subnet-3 (still on acl-2)'],
      [
        'info',
        'Reconcile: 1 blocking network ACL(s) found, 2 subnet(s) restored, 1 ACL(s) removed, 1 left-over(s).',
      ],
    ]);
  });

  it('says in a dry run what it would do and that nothing was changed', () => {
    const report = emptyReconcileReport('example', [], true);
    report.found.push(target('acl-1'), target('acl-2'));
    report.wouldRestore.push(target('subnet-1'));
    report.wouldRemove.push(target('acl-1'));
    report.leftAlone.push(target('acl-2'));
    const logger = createMemoryLogger();
    summarizeReconcileReport(report, nouns, logger);
    expect(logger.entries.at(-1)?.message).toBe(
      'Reconcile (dry run): 2 blocking network ACL(s) found; would restore 1 subnet(s) and delete 1 ACL(s); 1 left alone. Nothing was changed.',
    );
  });

  it('names the provider and each pending run once in an empty report', () => {
    const run = { runId: 'run-1', provider: 'example', zone: 'z1', changes: [] };
    const report = emptyReconcileReport('example', [run, { ...run, zone: 'z2' }], false);
    expect(report).toMatchObject({ provider: 'example', runs: ['run-1'], dryRun: false, leftAlone: [] });
  });
});
