import { computeFailureModes, networkFailureModes } from '@chaosgarden/core';
import { type DirectAction, type DirectOption, kebab } from './cloud-actions';

// The direct commands of the k8s and garden plugins, generated from their functions' option names:
// `podNodeLabelSelector` becomes `--pod-node-label-selector <value>`, and so on.

type Kind = DirectOption['kind'];

/** One flag per option name of the plugin function; `extra` overrides flags, key, default, ... */
function option(name: string, kind: Kind, description: string, extra: Partial<DirectOption> = {}) {
  const placeholder = kind === 'number' ? 'seconds' : kind === 'integer' ? 'n' : 'value';
  return {
    flags: kind === 'boolean' ? `--${kebab(name)}` : `--${kebab(name)} <${placeholder}>`,
    description,
    key: name,
    kind,
    ...extra,
  } satisfies DirectOption;
}

const duration = option('duration', 'number', '0 = one pass, > 0 = seconds, < 0 = until stopped');
const maxTargets = option('maxTargets', 'integer', 'refuse when more targets match');
const allowSelfTarget = option(
  'allowSelfTarget',
  'boolean',
  'allow the machine running this among the targets',
);
const runtimes = (what: string) => [
  option('minRuntime', 'number', `shortest lifetime in seconds before a ${what} is hit`),
  option('maxRuntime', 'number', `longest lifetime in seconds before a ${what} is hit`),
];

/** `chaosgarden k8s pods`: `runPodFailureSimulation` of `@chaosgarden/k8s`. */
export function k8sActions(): DirectAction[] {
  const selectors: [string, string][] = [
    [
      'podNodeLabelSelector',
      "selector on the labels of the pod's node, e.g. topology.kubernetes.io/zone=eu-west-1a",
    ],
    ['podLabelSelector', "Kubernetes label selector on the pod's labels, e.g. app=web"],
    ['podMetadataSelector', "selector on the pod's metadata, e.g. namespace=shop"],
    ['podOwnerSelector', "selector on the pod's first owner reference, e.g. kind=ReplicaSet"],
  ];
  return [
    {
      command: 'pods',
      method: 'runPodFailureSimulation',
      description: 'delete the pods the selectors match when their random lifetime is over',
      options: [
        option('kubeconfig', 'string', 'kubeconfig file (default: $KUBECONFIG)', {
          flags: '--kubeconfig <path>',
          key: 'kubeconfig.path',
        }),
        ...selectors.map(([name, description]) => option(name, 'string', description)),
        option('strictSelectors', 'boolean', '=~/!~ match whole values; booleans and timestamps as text'),
        ...runtimes('pod'),
        option('gracePeriod', 'number', 'gracePeriodSeconds of each deletion (default 0)'),
        duration,
        maxTargets,
        option('allowEmptySelectors', 'boolean', 'allow no selector at all (every owned pod of the cluster)'),
        allowSelfTarget,
      ],
      changesCloud: true,
      warning: 'Pods matching the selectors will be deleted.',
    },
  ];
}

/**
 * `chaosgarden garden assess|compute|network|rollback`: the cloud-provider functions of
 * `@chaosgarden/garden` for one shoot, whose filters and credentials the plugin derives from the shoot.
 */
export function gardenActions(): DirectAction[] {
  const common: DirectOption[] = [
    option('gardenProject', 'string', 'Gardener project name', {
      flags: '--project <name>',
      key: 'configuration.gardenProject',
      required: true,
    }),
    option('gardenShoot', 'string', 'shoot name', {
      flags: '--shoot <name>',
      key: 'configuration.gardenShoot',
      required: true,
    }),
    option('zone', 'string', 'zone name, e.g. eu-west-1a (or --zone-index)', {
      flags: '--zone <name>',
      required: true,
    }),
    option('zone', 'integer', "index into the shoot's sorted worker zones (or --zone)", {
      flags: '--zone-index <n>',
      required: true,
    }),
    option('kubeconfig', 'string', "the garden cluster's kubeconfig file (default: $KUBECONFIG)", {
      flags: '--kubeconfig <path>',
      key: 'kubeconfig.path',
    }),
    option(
      'providerOptions',
      'pairs',
      'cloud plugin setting (repeatable), e.g. aws.configuration.awsEndpointUrl=URL',
      {
        flags: '--provider-option <name=value...>',
        nestedNames: true,
      },
    ),
  ];
  const simulation = (modes: readonly string[]): DirectOption[] => [
    option('mode', 'string', 'failure mode', {
      flags: '--mode <mode>',
      choices: modes,
      defaultValue: modes[0] ?? '',
    }),
    { ...duration, defaultValue: '0' },
    maxTargets,
  ];
  return [
    {
      command: 'assess',
      method: 'assessCloudProviderFiltersImpact',
      description: "list what the shoot's filters select in the zone; changes nothing",
      options: common,
      changesCloud: false,
    },
    {
      command: 'compute',
      method: 'runCloudProviderComputeFailureSimulation',
      description: "terminate or restart the shoot's machines in the zone",
      options: [...common, ...simulation(computeFailureModes), ...runtimes('machine'), allowSelfTarget],
      changesCloud: true,
      assess: 'assessCloudProviderFiltersImpact',
    },
    {
      command: 'network',
      method: 'runCloudProviderNetworkFailureSimulation',
      description: "block the shoot's network in the zone, wait, roll back",
      options: [
        ...common,
        ...simulation(networkFailureModes),
        option(
          'rollbackLeftovers',
          'boolean',
          "roll back the zone's blocks without a holder tag (the Python tool's) first",
        ),
        option(
          'rollbackTimeoutSeconds',
          'number',
          'give up the final roll-back after this long (default 600)',
          {
            flags: '--rollback-timeout <seconds>',
          },
        ),
        allowSelfTarget,
        option(
          'allowPartial',
          'boolean',
          'go on when some planned targets could not be blocked (default: roll back and exit 1)',
        ),
      ],
      changesCloud: true,
      assess: 'assessCloudProviderFiltersImpact',
    },
    {
      command: 'rollback',
      method: 'rollbackCloudProviderNetworkFailureSimulation',
      description: 'remove every network block chaosgarden made for the shoot in the zone',
      options: common,
      changesCloud: false,
    },
  ];
}
