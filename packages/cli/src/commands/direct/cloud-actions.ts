import type {
  ActionDeclaration,
  CloudProviderActionName,
  CloudProviderDescriptorV1,
} from '@chaosgarden/core';

/** One option a direct command takes, derived from the v1 contract and the plugin's capabilities. */
export interface DirectOption {
  /** Flag as typed: `--zone <name>`. */
  flags: string;
  description: string;
  /**
   * Where the value goes in the action's options object; dotted for nested objects
   * (`filters.vpcs`, `configuration.gardenProject`). Options sharing a key are alternatives.
   */
  key: string;
  /** `pairs`: repeatable `name=value`, collected into an object. */
  kind: 'string' | 'number' | 'integer' | 'boolean' | 'json' | 'pairs';
  /** `pairs` only: a dotted name (`aws.configuration.awsEndpointUrl`) makes nested objects. */
  nestedNames?: boolean;
  choices?: readonly string[];
  defaultValue?: string;
  required?: boolean;
}

/** A direct command: one action of a plugin (a `CloudProviderV1` method or an exported function). */
export interface DirectAction {
  command: string;
  /** The method of the loaded provider (or the plugin's exported function) it calls. */
  method: string;
  description: string;
  options: DirectOption[];
  /** Changes the cloud or cluster: confirmed first (`--yes` skips the question). */
  changesCloud: boolean;
  /** Called first (without mode, duration, runtimes) to log how many resources would be affected. */
  assess?: string;
  /** What the confirmation log line says when there is no `assess`. */
  warning?: string;
  /** Options object the flags are laid over, e.g. `{ filters: {} }`. */
  base?: Record<string, unknown>;
}

export const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The direct commands of a cloud plugin, generated from its descriptor: the four actions of the v1
 * contract, modes from `capabilities`, one `--filter-<key>` option per `capabilities.filterKeys`; with
 * the descriptor's `actions`, only the flags of the options each action declares.
 */
export function cloudActions(descriptor: CloudProviderDescriptorV1): DirectAction[] {
  return contractActions(descriptor).map((action) =>
    declaredOnly(action, descriptor.actions?.[action.method as CloudProviderActionName]),
  );
}

/** Without a declaration, every flag; with one, the flags of the options it declares, required as declared. */
export function declaredOnly(action: DirectAction, declaration: ActionDeclaration | undefined): DirectAction {
  if (declaration === undefined) return action;
  const declared = new Map(declaration.options.map((option) => [option.name, option]));
  const options = action.options.flatMap((option) => {
    const found = declared.get(option.key.split('.')[0] ?? option.key);
    if (found === undefined) return [];
    return [found.required === true ? { ...option, required: true } : option];
  });
  return { ...action, options };
}

function contractActions(descriptor: CloudProviderDescriptorV1): DirectAction[] {
  const { computeFailureModes, networkFailureModes, filterKeys } = descriptor.capabilities;
  const common: DirectOption[] = [
    {
      flags: '--zone <name>',
      description: 'zone name, e.g. eu-west-1a',
      key: 'zone',
      kind: 'string',
      required: true,
    },
    ...filterKeys.map(
      (key): DirectOption => ({
        flags: `--filter-${kebab(key)} <json>`,
        description: `${key} filter (JSON, as in an experiment's filters.${key})`,
        key: `filters.${key}`,
        kind: 'json',
      }),
    ),
    {
      flags: '--config <name=value...>',
      description: 'configuration value (repeatable), e.g. awsRegion=eu-west-1',
      key: 'configuration',
      kind: 'pairs',
    },
  ];
  const simulation = (modes: readonly string[]): DirectOption[] => [
    {
      flags: '--mode <mode>',
      description: 'failure mode',
      key: 'mode',
      kind: 'string',
      choices: modes,
      defaultValue: modes[0] ?? '',
    },
    {
      flags: '--duration <seconds>',
      description: '0 = one pass, > 0 = seconds, < 0 = until stopped',
      key: 'duration',
      kind: 'number',
      defaultValue: '0',
    },
    {
      flags: '--max-targets <n>',
      description: 'refuse when more targets match',
      key: 'maxTargets',
      kind: 'number',
    },
    {
      flags: '--allow-empty-filters',
      description: 'allow filters that select everything in the zone',
      key: 'allowEmptyFilters',
      kind: 'boolean',
    },
  ];
  const allowSelfTarget: DirectOption = {
    flags: '--allow-self-target',
    description: 'allow the machine running this command among the targets',
    key: 'allowSelfTarget',
    kind: 'boolean',
  };
  const base = { filters: {} };
  return [
    {
      command: 'assess',
      method: 'assessFiltersImpact',
      description: 'list what the filters select in the zone; changes nothing',
      options: common,
      changesCloud: false,
      base,
    },
    {
      command: 'compute',
      method: 'runComputeFailureSimulation',
      description: `${computeFailureModes.join(' or ')} the zone's machines`,
      options: [
        ...common,
        ...simulation(computeFailureModes),
        {
          flags: '--min-runtime <seconds>',
          description: 'shortest lifetime before a machine is hit',
          key: 'minRuntime',
          kind: 'number',
        },
        {
          flags: '--max-runtime <seconds>',
          description: 'longest lifetime before a machine is hit',
          key: 'maxRuntime',
          kind: 'number',
        },
        allowSelfTarget,
      ],
      changesCloud: true,
      assess: 'assessFiltersImpact',
      base,
    },
    {
      command: 'network',
      method: 'runNetworkFailureSimulation',
      description: "block the zone's network, wait, roll back",
      options: [
        ...common,
        ...simulation(networkFailureModes),
        {
          flags: '--rollback-leftovers',
          description: "roll back the same zone's partitions without a holder tag (the Python tool's) first",
          key: 'rollbackLeftovers',
          kind: 'boolean',
        },
        {
          flags: '--rollback-timeout <seconds>',
          description:
            'give up the final roll-back after this long, print what is still blocked and the rollback command (default 600; < 0: never)',
          key: 'rollbackTimeoutSeconds',
          kind: 'number',
        },
        allowSelfTarget,
        {
          flags: '--allow-partial',
          description: 'go on when some planned targets could not be blocked (default: roll back and exit 1)',
          key: 'allowPartial',
          kind: 'boolean',
        },
      ],
      changesCloud: true,
      assess: 'assessFiltersImpact',
      base,
    },
    {
      command: 'rollback',
      method: 'rollbackNetworkFailureSimulation',
      description: 'remove every network block chaosgarden made for these filters in the zone',
      options: common,
      changesCloud: false,
      base,
    },
  ];
}
