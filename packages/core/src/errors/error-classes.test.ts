import { describe, expect, it } from 'vitest';
import { registerSecret } from '../logging/secret-registry';
import { ChaosgardenError } from './chaosgarden-error';
import { CloudApiError } from './cloud-api-error';
import { EmptyFiltersRefusedError } from './empty-filters-refused-error';
import { chaosgardenErrorCodes } from './error-codes';
import { InvalidArgumentError } from './invalid-argument-error';
import { LedgerCorruptError } from './ledger-corrupt-error';
import { PartialSimulationError } from './partial-simulation-error';
import { PluginNotInstalledError } from './plugin-not-installed-error';
import { RollbackIncompleteError } from './rollback-incomplete-error';
import { SelfTargetRefusedError } from './self-target-refused-error';
import { SimulationLockedError } from './simulation-locked-error';
import { TerminatedError } from './terminated-error';
import { TooManyTargetsError } from './too-many-targets-error';
import { UnknownFilterKeyError } from './unknown-filter-key-error';
import { UnknownOptionError } from './unknown-option-error';
import { UnsupportedProviderError } from './unsupported-provider-error';

const examples = [
  [
    InvalidArgumentError,
    new InvalidArgumentError({ argument: 'zone', message: 'Zone not set.' }),
    'invalid-argument',
  ],
  [
    UnknownFilterKeyError,
    new UnknownFilterKeyError({ unexpectedKeys: ['vpc'], expectedKeys: ['vpcs'] }),
    'unknown-filter-key',
  ],
  [
    EmptyFiltersRefusedError,
    new EmptyFiltersRefusedError({ zone: 'z', targetKeys: ['instances'] }),
    'empty-filters-refused',
  ],
  [TooManyTargetsError, new TooManyTargetsError({ found: 3, limit: 2, kind: 'pods' }), 'too-many-targets'],
  [CloudApiError, new CloudApiError({ operation: 'DescribeVpcs', cause: new Error('x') }), 'cloud-api-error'],
  [RollbackIncompleteError, new RollbackIncompleteError({ leftovers: ['acl-1'] }), 'rollback-incomplete'],
  [
    PluginNotInstalledError,
    new PluginNotInstalledError({ packageName: '@chaosgarden/azure' }),
    'plugin-not-installed',
  ],
  [UnsupportedProviderError, new UnsupportedProviderError({ providerType: 'metal' }), 'unsupported-provider'],
  [TerminatedError, new TerminatedError(), 'terminated'],
  [LedgerCorruptError, new LedgerCorruptError({ source: 'run.jsonl', line: 3 }), 'ledger-corrupt'],
  [
    SimulationLockedError,
    new SimulationLockedError({
      lock: 'network failure simulation of zone z',
      holder: 'run r',
      seen: 'on this machine',
    }),
    'simulation-locked',
  ],
  [
    SelfTargetRefusedError,
    new SelfTargetRefusedError({ self: 'instance i-1', effect: 'terminated', override: 'allowSelfTarget' }),
    'self-target-refused',
  ],
  [
    PartialSimulationError,
    new PartialSimulationError({ zone: 'z', kind: 'subnets', planned: 2, missed: ['subnet-1 (on acl-1)'] }),
    'partial-simulation',
  ],
  [
    UnknownOptionError,
    new UnknownOptionError({ action: 'f', unknownOptions: ['zon'], knownOptions: ['zone'] }),
    'unknown-option',
  ],
] as const;

describe('error classes', () => {
  it.each(examples)('%o has its stable code on the class and on instances', (errorClass, error, code) => {
    expect(errorClass.code).toBe(code);
    expect(error.code).toBe(code);
    expect(error.name).toBe(errorClass.name);
    expect(error).toBeInstanceOf(ChaosgardenError);
    expect(ChaosgardenError.isInstance(error)).toBe(true);
    expect(errorClass.isInstance(error)).toBe(true);
  });

  it('keeps the code table and the classes in step', () => {
    expect(new Set(Object.values(chaosgardenErrorCodes))).toEqual(
      new Set(examples.map(([, , code]) => code)),
    );
  });

  it('tells each class apart by code, so one isInstance never accepts another class', () => {
    for (const [errorClass] of examples) {
      const accepted = examples.filter(([, error]) => errorClass.isInstance(error));
      expect(accepted.map(([other]) => other)).toEqual([errorClass]);
    }
  });

  it('recognises an error built by a second copy of the module', async () => {
    // The query string makes Vite load a separate module instance: a different class, same marker.
    const specifier = './too-many-targets-error?second-copy';
    const copy = (await import(/* @vite-ignore */ specifier)) as typeof import('./too-many-targets-error');
    const foreign = new copy.TooManyTargetsError({ found: 5, limit: 1, kind: 'instances' });
    expect(copy.TooManyTargetsError).not.toBe(TooManyTargetsError);
    expect(foreign).not.toBeInstanceOf(TooManyTargetsError);
    expect(TooManyTargetsError.isInstance(foreign)).toBe(true);
    expect(ChaosgardenError.isInstance(foreign)).toBe(true);
    expect(InvalidArgumentError.isInstance(foreign)).toBe(false);
  });
});

describe('error messages say what to do', () => {
  it('UnknownFilterKeyError lists the unexpected, expected and tolerated keys', () => {
    const error = new UnknownFilterKeyError({
      unexpectedKeys: ['vpc', 'zone'],
      expectedKeys: ['instances', 'vpcs'],
      toleratedKeys: ['subnets'],
    });
    expect(error.message).toBe(
      'Found unexpected filters for vpc, zone (expected filters are instances, vpcs; also accepted: subnets)! ' +
        'Rename or remove them (snake_case spellings such as virtual_machines are accepted as well).',
    );
    expect(error.unexpectedKeys).toEqual(['vpc', 'zone']);
  });

  it('EmptyFiltersRefusedError names the opt-in', () => {
    expect(
      new EmptyFiltersRefusedError({ zone: 'eu-west-1a', targetKeys: ['vpcs', 'subnets'] }).message,
    ).toBe(
      'Refusing to act on zone eu-west-1a: the filters vpcs, subnets are all empty, which matches every ' +
        'resource in the zone. Nothing was changed. Pass filters that select your cluster, or pass ' +
        'allowEmptyFilters: true if you really want the whole zone.',
    );
  });

  it('TooManyTargetsError gives count, kind, zone and limit', () => {
    const error = new TooManyTargetsError({ found: 40, limit: 5, kind: 'instances', zone: 'eu-west-1a' });
    expect(error.message).toBe(
      'Found 40 instances in zone eu-west-1a, more than maxTargets (5); nothing was changed. ' +
        'Narrow the filters, or raise maxTargets if that many is intended.',
    );
    expect([error.found, error.limit, error.kind, error.zone]).toEqual([40, 5, 'instances', 'eu-west-1a']);
  });

  it('CloudApiError quotes the SDK error, keeps it as cause and redacts credentials in it', () => {
    registerSecret('AKIA-cloud-api-test-secret');
    const sdkError = Object.assign(new Error('The key AKIA-cloud-api-test-secret is not authorised.'), {
      name: 'UnauthorizedOperation',
    });
    const error = new CloudApiError({ operation: 'CreateNetworkAcl', cause: sdkError, provider: 'aws' });
    expect(error.message).toBe(
      'aws CreateNetworkAcl failed: UnauthorizedOperation: The key *** is not authorised.',
    );
    expect(error.cause).toBe(sdkError);
    expect(error.isRetryable).toBe(false);
    expect(error.operation).toBe('CreateNetworkAcl');
  });

  it('CloudApiError marks transient failures as retryable and says so', () => {
    const error = new CloudApiError({ operation: 'DescribeVpcs', cause: 'throttled', isRetryable: true });
    expect(error.isRetryable).toBe(true);
    expect(error.message).toBe(
      'DescribeVpcs failed: throttled. The error looks transient; retrying may succeed.',
    );
  });

  it('RollbackIncompleteError names every leftover', () => {
    const error = new RollbackIncompleteError({ leftovers: ['acl-0abc', 'subnet-1'], zone: 'eu-west-1a' });
    expect(error.message).toBe(
      'Roll-back incomplete in zone eu-west-1a: 2 artefact(s) left behind: acl-0abc, subnet-1. ' +
        'Run the roll-back again with the same zone and filters, or restore/remove these by hand.',
    );
    expect(error.leftovers).toEqual(['acl-0abc', 'subnet-1']);
    expect(Object.isFrozen(error.leftovers)).toBe(true);
  });

  it('PartialSimulationError names each target not blocked and the option that accepts it', () => {
    const error = new PartialSimulationError({
      zone: 'eu-west-1a',
      kind: 'subnets',
      planned: 5,
      missed: ['subnet-1 (on acl-9, not on the blocking ACL)', 'subnet-2 (association failed)'],
    });
    expect(error.message).toBe(
      'Partial simulation in zone eu-west-1a: 2 of 5 planned subnets were not blocked: ' +
        'subnet-1 (on acl-9, not on the blocking ACL), subnet-2 (association failed). The simulation was ' +
        'rolled back. Fix what kept them from being blocked, or pass allowPartial: true (CLI --allow-partial) ' +
        'to accept a partial simulation.',
    );
    expect([error.zone, error.planned, error.missed.length]).toEqual(['eu-west-1a', 5, 2]);
    expect(Object.isFrozen(error.missed)).toBe(true);
  });

  it('RollbackIncompleteError of an abandoned roll-back says why and gives the command that finishes it', () => {
    const error = new RollbackIncompleteError({
      leftovers: ['subnet-1 (still on acl-0abc)'],
      zone: 'eu-west-1a',
      abandoned: 'the roll-back deadline (600 s) passed',
      rollbackCommand: 'chaosgarden rollback --provider aws --zone eu-west-1a',
    });
    expect(error.message).toBe(
      'Roll-back incomplete in zone eu-west-1a (abandoned: the roll-back deadline (600 s) passed): 1 artefact(s) left behind: ' +
        'subnet-1 (still on acl-0abc). They stay pending in the roll-back ledger; finish the roll-back with: ' +
        'chaosgarden rollback --provider aws --zone eu-west-1a',
    );
    expect(error.rollbackCommand).toBe('chaosgarden rollback --provider aws --zone eu-west-1a');
  });

  it('PluginNotInstalledError gives the install command', () => {
    expect(
      new PluginNotInstalledError({ packageName: '@chaosgarden/gcp', providerType: 'gcp' }).message,
    ).toBe(
      'The chaosgarden plugin for provider gcp (@chaosgarden/gcp) is not installed. ' +
        'Install it next to chaosgarden: npm install @chaosgarden/gcp',
    );
  });

  it('UnsupportedProviderError keeps the Python wording and lists supported providers', () => {
    expect(new UnsupportedProviderError({ providerType: 'metal', supported: ['aws', 'gcp'] }).message).toBe(
      'Cloud provider (was metal) unknown/not supported! Supported providers are aws, gcp.',
    );
  });

  it('TerminatedError names what was stopped', () => {
    expect(new TerminatedError({ who: 'runNetworkFailureSimulation' }).message).toMatch(
      /^Termination requested for runNetworkFailureSimulation; it stopped before completing\./,
    );
  });
});
