import {
  type CloudProviderDescriptorV1,
  computeFailureModes,
  declareAction,
  defineAction,
  networkFailureModes,
  providerActionDeclarations,
} from '@chaosgarden/core';
import * as garden from '@chaosgarden/garden';
import * as k8s from '@chaosgarden/k8s';
import { describe, expect, it, vi } from 'vitest';
import type { CommandIo } from '../command-io';
import { cloudActions } from './cloud-actions';
import { pluginCommand } from './cloud-command';
import { gardenActions, k8sActions } from './plugin-actions';

const capabilities = { computeFailureModes, networkFailureModes, filterKeys: ['vpcs'] };
const io: CommandIo = { out: () => {}, terminal: undefined, env: { CHAOSGARDEN_LOG_LEVEL: 'error' } };
const flags = (descriptor: unknown, command: string) =>
  cloudActions(descriptor as CloudProviderDescriptorV1)
    .find((action) => action.command === command)
    ?.options.map((option) => option.flags.split(' ')[0]);

describe('direct commands from the declarations', () => {
  it("offers a cloud plugin's flags only for the options its actions declare", () => {
    const actions = providerActionDeclarations(capabilities);
    const { options } = actions.runNetworkFailureSimulation;
    const withoutPartial = {
      ...actions.runNetworkFailureSimulation,
      options: options.filter((option) => option.name !== 'allowPartial'),
    };
    const declared = { capabilities, actions: { ...actions, runNetworkFailureSimulation: withoutPartial } };
    expect(flags({ capabilities }, 'network')).toContain('--allow-partial');
    expect(flags(declared, 'network')).not.toContain('--allow-partial');
    expect(flags(declared, 'network')).toContain('--rollback-leftovers');
    expect(flags({ capabilities, actions }, 'network')).toEqual(flags({ capabilities }, 'network'));
  });

  it.each([
    ['k8s', k8sActions(), k8s as Record<string, unknown>],
    ['garden', gardenActions(), garden as Record<string, unknown>],
  ])('every %s flag sets an option its function declares', (_plugin, actions, exports) => {
    for (const action of actions) {
      const declaration = (exports[action.method] as { declaration?: { options: { name: string }[] } })
        .declaration;
      const names = declaration?.options.map((option) => option.name) ?? [];
      for (const option of action.options) expect(names, option.flags).toContain(option.key.split('.')[0]);
    }
  });

  it("assesses with the options the assessment declares, so the simulation's own flags do not refuse it", async () => {
    const assessed = vi.fn(async (_options: Record<string, unknown>) => ({ zone: 'a', targets: [] }));
    const assess = defineAction(
      declareAction<{ zone?: unknown; configuration?: unknown; logger?: unknown; signal?: unknown }>({
        name: 'assessCloudProviderFiltersImpact',
        options: {
          zone: { kind: 'string' },
          configuration: { kind: 'data' },
          logger: { kind: 'logger' },
          signal: { kind: 'signal' },
        },
      }),
      assessed,
    );
    const network = vi.fn(async (_options: Record<string, unknown>) => ({ reason: 'time-up' }));
    const args = ['network', '--project', 'p', '--shoot', 's', '--zone', 'a', '--allow-self-target', '--yes'];
    const target = {
      assessCloudProviderFiltersImpact: assess,
      runCloudProviderNetworkFailureSimulation: network,
    };
    expect(await pluginCommand('garden', args, io, async () => target)).toBe(0);
    expect(Object.keys(assessed.mock.calls[0]?.[0] ?? {}).sort()).toEqual([
      'configuration',
      'logger',
      'zone',
    ]);
    expect(network.mock.calls[0]?.[0]).toMatchObject({ allowSelfTarget: true });
  });

  it('exits with 2 when a function refuses an unknown option', async () => {
    const load = async () => ({
      runPodFailureSimulation: () => k8s.runPodFailureSimulation({ podLabelSelectr: 'a=b' } as never),
    });
    expect(await pluginCommand('k8s', ['pods', '--pod-label-selector', 'a=b', '--yes'], io, load)).toBe(2);
  });
});
