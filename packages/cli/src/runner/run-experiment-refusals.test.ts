// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is experiment-file text here, not a template.
import { PluginNotInstalledError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../providers/human-actions';
import { ran, run, scratch, touch } from './run-experiment-test-support';

const waitFor = {
  type: 'action',
  name: 'wait-for-confirmation',
  provider: { type: 'python', module: 'chaosgarden.human.actions', func: 'wait_for' },
};

describe('runExperiment refusals', () => {
  it('wait_for refuses without a terminal, passes with --yes, and asks on a terminal', async () => {
    const dir = scratch();
    const refused = await run({
      title: 't',
      method: [waitFor, touch(dir, 'guarded')],
      rollbacks: [touch(dir, 'rolled-back')],
    });
    expect([refused.journal.status, ran(dir, 'guarded'), ran(dir, 'rolled-back')]).toEqual([
      'aborted',
      false,
      false,
    ]);
    expect(refused.journal.run[0]?.exception?.[1]).toBe(
      'The experiment asks for a confirmation (wait_for) but there is no terminal to ask on. Pass --yes to confirm in advance.',
    );
    const confirmed = await run({ title: 't', method: [waitFor] }, { assumeYes: true });
    expect(confirmed.journal.run[0]?.status).toBe('succeeded');
    let written = '';
    const terminal: Terminal = {
      interactive: true,
      write: (text) => {
        written += text;
      },
      readLine: async () => '',
    };
    const asked = await run({ title: 't', method: [waitFor] }, { terminal });
    expect(asked.journal.run[0]?.status).toBe('succeeded');
    expect(written).toBe('\nPress `Enter` to continue or `CTRL-C` to abort...\n');
  });

  it('refuses before running anything when a plugin is not installed, naming the package', async () => {
    const dir = scratch();
    const experiment = {
      title: 't',
      method: [
        touch(dir, 'first'),
        {
          type: 'action',
          name: 'azure',
          provider: {
            type: 'python',
            module: 'chaosgarden.azure.actions',
            func: 'run_network_failure_simulation',
          },
        },
      ],
    };
    const error = await run(experiment).catch((caught: unknown) => caught);
    expect(PluginNotInstalledError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('npm install @chaosgarden/azure');
    expect(ran(dir, 'first')).toBe(false);
  });

  it('refuses an unknown function and an undefined secret scope with their paths', async () => {
    const bad = (provider: object) =>
      run({ title: 't', method: [{ type: 'action', name: 'x', provider }] }).catch(
        (caught: Error) => caught.message,
      );
    expect(await bad({ type: 'python', module: 'chaosgarden.aws.actions', func: 'run_everything' })).toMatch(
      /^method\[0\]\.provider: @chaosgarden\/aws has no function runEverything; it exports: .*assessFiltersImpact/,
    );
    expect(
      await bad({
        type: 'python',
        module: 'chaosgarden.aws.actions',
        func: 'assess_filters_impact',
        secrets: ['nope'],
      }),
    ).toBe('method[0].provider.secrets: scope nope is not defined in the experiment\'s "secrets".');
  });
});
