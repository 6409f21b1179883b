import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Journal } from '../src/index';
import { examplesDir, scratchDirectory, startCli } from './support/run-cli';

describe('the http/process/human example against the sandbox', () => {
  it('refuses the confirmation without a terminal and aborts the method before the action it guards', async () => {
    const cwd = scratchDirectory();
    const { code, stderr } = await startCli(['run', join(examplesDir, 'sandbox-probes.yaml')], cwd).done;
    expect(code).toBe(1);
    expect(stderr).toContain('there is no terminal to ask on. Pass --yes to confirm in advance.');
    const journal = JSON.parse(readFileSync(join(cwd, 'journal.json'), 'utf8')) as Journal;
    expect(journal.status).toBe('aborted');
    expect(journal.run.map((entry) => [entry.activity.name, entry.status])).toEqual([
      ['wait-for-confirmation', 'failed'],
    ]);
    expect(journal.steady_states.after).toBeNull();
  });

  it('with --yes: the http probe holds before and after, the process prints its substituted arguments', async () => {
    const cwd = scratchDirectory();
    const { code } = await startCli(['run', join(examplesDir, 'sandbox-probes.yaml'), '--yes'], cwd).done;
    expect(code).toBe(0);
    const journal = JSON.parse(readFileSync(join(cwd, 'journal.json'), 'utf8')) as Journal;
    expect(journal.steady_states.before?.probes[0]?.output).toMatchObject({ status: 200 });
    expect(journal.steady_states.after?.steady_state_met).toBe(true);
    expect(journal.run.map((entry) => entry.status)).toEqual(['succeeded', 'succeeded']);
    expect(journal.run[1]?.output).toEqual({ status: 0, stdout: 'hello chaos\n', stderr: '' });
    expect(journal.run[1]?.duration).toBeGreaterThanOrEqual(1);
  });
});
