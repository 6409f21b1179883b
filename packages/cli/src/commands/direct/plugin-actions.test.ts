import { type CloudProviderDescriptorV1, createLogger } from '@chaosgarden/core';
import { describe, expect, it, vi } from 'vitest';
import type { CommandIo } from '../command-io';
import { cloudActions, type DirectAction } from './cloud-actions';
import { pluginCommand } from './cloud-command';
import { actionOptions } from './direct-options';
import { gardenActions, k8sActions } from './plugin-actions';

const logger = createLogger({ level: 'error' });
const action = (actions: DirectAction[], command: string) => {
  const found = actions.find((candidate) => candidate.command === command);
  if (found === undefined) throw new Error(`no ${command}`);
  return found;
};
const withoutLogger = ({ logger: _logger, ...options }: Record<string, unknown>) => options;

function io(): CommandIo & { written: () => string } {
  let text = '';
  return {
    out: (chunk) => {
      text += chunk;
    },
    terminal: undefined,
    env: { CHAOSGARDEN_LOG_LEVEL: 'error' },
    written: () => text,
  };
}

describe('option → action-options mapping', () => {
  const assess = action(gardenActions(), 'assess');

  it('garden: --zone is a string, --zone-index a number; project and shoot form the configuration', () => {
    const base = { project: 'p', shoot: 's' };
    expect(withoutLogger(actionOptions(assess, { ...base, zone: '1' }, logger))).toEqual({
      configuration: { gardenProject: 'p', gardenShoot: 's' },
      zone: '1',
    });
    expect(withoutLogger(actionOptions(assess, { ...base, zoneIndex: '1' }, logger))).toEqual({
      configuration: { gardenProject: 'p', gardenShoot: 's' },
      zone: 1,
    });
  });

  it('garden: --kubeconfig and dotted --provider-option names become nested objects', () => {
    const options = actionOptions(
      action(gardenActions(), 'network'),
      {
        project: 'p',
        shoot: 's',
        zoneIndex: '0',
        kubeconfig: '/tmp/garden.yaml',
        providerOption: ['aws.configuration.awsEndpointUrl=http://x:5000', 'aws.secrets.token=a=b'],
        mode: 'egress',
        duration: '5',
      },
      logger,
    );
    expect(withoutLogger(options)).toEqual({
      configuration: { gardenProject: 'p', gardenShoot: 's' },
      zone: 0,
      kubeconfig: { path: '/tmp/garden.yaml' },
      providerOptions: {
        aws: { configuration: { awsEndpointUrl: 'http://x:5000' }, secrets: { token: 'a=b' } },
      },
      mode: 'egress',
      duration: 5,
    });
  });

  it('garden: --zone and --zone-index are exclusive, one of them is required, the index an integer', () => {
    const base = { project: 'p', shoot: 's' };
    expect(() => actionOptions(assess, { ...base, zone: 'a', zoneIndex: '1' }, logger)).toThrow(
      '--zone and --zone-index are mutually exclusive',
    );
    expect(() => actionOptions(assess, base, logger)).toThrow(
      '--zone <name> or --zone-index <n> is required.',
    );
    expect(() => actionOptions(assess, { ...base, zoneIndex: '1.5' }, logger)).toThrow('is not an integer');
  });

  it('k8s pods: every flag reaches runPodFailureSimulation under its option name', () => {
    const options = actionOptions(
      action(k8sActions(), 'pods'),
      {
        kubeconfig: '/k',
        podNodeLabelSelector: 'topology.kubernetes.io/zone=a',
        podLabelSelector: 'app=web',
        podMetadataSelector: 'namespace=shop',
        podOwnerSelector: 'kind=ReplicaSet',
        strictSelectors: true,
        minRuntime: '1',
        maxRuntime: '2',
        gracePeriod: '3',
        duration: '-1',
        maxTargets: '4',
        allowEmptySelectors: true,
      },
      logger,
    );
    expect(withoutLogger(options)).toEqual({
      kubeconfig: { path: '/k' },
      podNodeLabelSelector: 'topology.kubernetes.io/zone=a',
      podLabelSelector: 'app=web',
      podMetadataSelector: 'namespace=shop',
      podOwnerSelector: 'kind=ReplicaSet',
      strictSelectors: true,
      minRuntime: 1,
      maxRuntime: 2,
      gracePeriod: 3,
      duration: -1,
      maxTargets: 4,
      allowEmptySelectors: true,
    });
  });

  it('cloud actions keep filters {} as the base and --config pairs as the configuration', () => {
    const descriptor = {
      capabilities: {
        computeFailureModes: ['terminate'],
        networkFailureModes: ['total'],
        filterKeys: ['vpcs'],
      },
    } as unknown as CloudProviderDescriptorV1;
    const rollback = action(cloudActions(descriptor), 'rollback');
    expect(withoutLogger(actionOptions(rollback, { zone: 'a', config: ['awsRegion=x'] }, logger))).toEqual({
      filters: {},
      zone: 'a',
      configuration: { awsRegion: 'x' },
    });
    expect(
      withoutLogger(actionOptions(rollback, { zone: 'a', filterVpcs: '[{"Name":"n"}]' }, logger)),
    ).toEqual({ filters: { vpcs: [{ Name: 'n' }] }, zone: 'a' });
  });
});

describe('pluginCommand', () => {
  const garden = ['assess', '--project', 'p', '--shoot', 's'];

  it('garden assess --zone-index 1 reaches the action as the number 1 and prints its result', async () => {
    const assessCloudProviderFiltersImpact = vi.fn(async (_options: Record<string, unknown>) => ({
      zone: 'b',
      targets: [],
    }));
    const output = io();
    const code = await pluginCommand('garden', [...garden, '--zone-index', '1'], output, async () => ({
      assessCloudProviderFiltersImpact,
    }));
    expect(code).toBe(0);
    expect(assessCloudProviderFiltersImpact).toHaveBeenCalledOnce();
    expect(assessCloudProviderFiltersImpact.mock.calls[0]?.[0]).toMatchObject({
      zone: 1,
      configuration: { gardenProject: 'p', gardenShoot: 's' },
    });
    expect(JSON.parse(output.written())).toEqual({ zone: 'b', targets: [] });
  });

  it.each([
    ['both zone options', ['--zone', 'a', '--zone-index', '1']],
    ['no zone option', []],
    ['a zone index that is not a number', ['--zone-index', 'first']],
    ['an unknown mode', ['--zone', 'a', '--mode', 'sideways']],
  ])('exits with 2 and calls nothing for %s', async (_name, extra) => {
    const load = vi.fn(async () => ({}));
    const args = extra.includes('--mode') ? ['network', ...garden.slice(1), ...extra] : [...garden, ...extra];
    expect(await pluginCommand('garden', args, io(), load)).toBe(2);
    expect(load).not.toHaveBeenCalled();
  });

  it('garden network assesses, then runs with mode and duration; refuses without --yes or a terminal', async () => {
    const target = {
      assessCloudProviderFiltersImpact: vi.fn(async (_options: Record<string, unknown>) => ({
        zone: 'a',
        targets: [{}, {}],
      })),
      runCloudProviderNetworkFailureSimulation: vi.fn(async (_options: Record<string, unknown>) => ({
        reason: 'time-up',
      })),
    };
    const args = ['network', '--project', 'p', '--shoot', 's', '--zone', 'a', '--duration', '2'];
    expect(await pluginCommand('garden', args, io(), async () => target)).toBe(2);
    expect(target.runCloudProviderNetworkFailureSimulation).not.toHaveBeenCalled();

    expect(await pluginCommand('garden', [...args, '--yes'], io(), async () => target)).toBe(0);
    const assessed = target.assessCloudProviderFiltersImpact.mock.calls[1]?.[0] ?? {};
    expect(assessed).toMatchObject({ zone: 'a' });
    expect(assessed).not.toHaveProperty('mode');
    expect(target.runCloudProviderNetworkFailureSimulation.mock.calls[0]?.[0]).toMatchObject({
      zone: 'a',
      mode: 'total',
      duration: 2,
    });
  });

  it('k8s pods runs runPodFailureSimulation only with --yes', async () => {
    const runPodFailureSimulation = vi.fn(async (_options: Record<string, unknown>) => ({ deleted: [] }));
    const args = ['pods', '--pod-label-selector', 'app=x', '--duration', '0'];
    expect(await pluginCommand('k8s', args, io(), async () => ({ runPodFailureSimulation }))).toBe(2);
    expect(runPodFailureSimulation).not.toHaveBeenCalled();
    expect(
      await pluginCommand('k8s', [...args, '--yes'], io(), async () => ({ runPodFailureSimulation })),
    ).toBe(0);
    expect(runPodFailureSimulation.mock.calls[0]?.[0]).toMatchObject({
      podLabelSelector: 'app=x',
      duration: 0,
    });
    expect(runPodFailureSimulation.mock.calls[0]?.[0]).not.toHaveProperty('filters');
  });
});
