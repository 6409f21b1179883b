import { validateMaxTargets } from '../filters/assert-within-max-targets';
import type {
  ActionOptionTable,
  CloudProviderActionDeclarations,
  OptionSpecification,
} from '../provider/v1/declarations';
import type {
  ComputeFailureSimulationOptions,
  NetworkFailureSimulationOptions,
  ProviderCallOptions,
  ReconcileOptions,
  RollbackNetworkFailureSimulationOptions,
} from '../provider/v1/options';
import type { ProviderCapabilities } from '../provider/v1/provider';
import { validateRollbackTimeout } from '../tasks/rollback-deadline';
import { parseDuration } from '../validation/parse-duration';
import { validateMode } from '../validation/validate-mode';
import { validateZone } from '../validation/validate-zone';
import { declareAction } from './declare-action';

type Options<T> = ActionOptionTable<T>;
type Call = ProviderCallOptions<unknown, unknown, unknown>;

const boolean = (description: string): OptionSpecification => ({ kind: 'boolean', description });

const call = {
  zone: { kind: 'string', required: true, description: 'zone name, e.g. eu-west-1a', validate: validateZone },
  filters: {
    kind: 'data',
    description: "which resources of the zone are targeted, by the plugin's filter keys",
  },
  configuration: { kind: 'data', description: 'non-secret settings (region, endpoint, ...)' },
  secrets: { kind: 'data', description: 'credentials; kept in memory, redacted from every log line' },
  signal: { kind: 'signal', description: 'abort to stop; roll-backs still run' },
  logger: { kind: 'logger', description: 'where progress goes' },
  maxTargets: {
    kind: 'integer',
    description: 'refuse when more targets match',
    validate: validateMaxTargets,
  },
  allowEmptyFilters: boolean('allow filters that select everything in the zone'),
  ledger: { kind: 'object', description: 'where changes are recorded before they are made' },
  stateDirectory: {
    kind: 'string',
    description: 'directory of the default ledger and the per-machine locks',
  },
} as const satisfies Options<Call>;

const duration: OptionSpecification = {
  kind: 'duration',
  description: '0 = one pass, > 0 = seconds, < 0 = until stopped',
  validate: parseDuration,
};
const mode = (modes: readonly string[]): OptionSpecification => ({
  kind: 'string',
  choices: modes,
  description: `failure mode: ${modes.join(', ')} (default ${modes[0] ?? 'none'})`,
  validate: (value) => validateMode(value ?? modes[0], modes),
});
// A simulation's arguments may be reused for the assessment and the roll-back, as experiments do.
const ignored = ['duration'];
const allowSelfTarget = boolean('allow the machine running this among the targets');

/**
 * The declarations of the v1 contract's actions (`runNetworkFailureSimulation`, ...), every option the
 * contract defines for each, with the modes from the plugin's capabilities as the `mode` choices.
 * A cloud plugin puts them in its descriptor's `actions` and wraps each action with `defineAction`:
 * every plugin then takes the contract's common options (`allowSelfTarget`, `rollbackLeftovers`, ...)
 * and refuses the same unknown keys. `reconcile` is declared too, for plugins that have it.
 */
export function providerActionDeclarations(
  capabilities: Pick<ProviderCapabilities, 'computeFailureModes' | 'networkFailureModes'>,
): Readonly<Required<CloudProviderActionDeclarations>> {
  const declarations: Required<CloudProviderActionDeclarations> = {
    assessFiltersImpact: declareAction<Call>({ name: 'assessFiltersImpact', options: call, ignored }),
    runComputeFailureSimulation: declareAction<ComputeFailureSimulationOptions<unknown, unknown, unknown>>({
      name: 'runComputeFailureSimulation',
      options: {
        ...call,
        mode: mode(capabilities.computeFailureModes),
        minRuntime: { kind: 'number', description: 'shortest lifetime in seconds before a machine is hit' },
        maxRuntime: { kind: 'number', description: 'longest lifetime in seconds before a machine is hit' },
        duration,
        allowSelfTarget,
      },
    }),
    runNetworkFailureSimulation: declareAction<NetworkFailureSimulationOptions<unknown, unknown, unknown>>({
      name: 'runNetworkFailureSimulation',
      options: {
        ...call,
        mode: mode(capabilities.networkFailureModes),
        duration,
        allowSelfTarget,
        rollbackLeftovers: boolean(
          "roll back the zone's blocks without a holder mark (the Python tool's) first",
        ),
        rollbackSignal: { kind: 'signal', description: 'abort to give up the final roll-back' },
        rollbackTimeoutSeconds: {
          kind: 'number',
          description: 'give up the final roll-back after this long (default 600; < 0: never)',
          validate: validateRollbackTimeout,
        },
        allowPartial: boolean('go on when some planned targets could not be blocked'),
      },
    }),
    rollbackNetworkFailureSimulation: declareAction<
      RollbackNetworkFailureSimulationOptions<unknown, unknown, unknown>
    >({
      name: 'rollbackNetworkFailureSimulation',
      options: { ...call, mode: mode(capabilities.networkFailureModes) },
      ignored,
    }),
    reconcile: declareAction<ReconcileOptions<unknown, unknown, unknown>>({
      name: 'reconcile',
      options: {
        zone: { kind: 'string', description: "only this zone's left-overs" },
        runId: { kind: 'string', description: 'only the left-overs of this run (its ledger id)' },
        filters: call.filters,
        configuration: call.configuration,
        secrets: call.secrets,
        signal: { kind: 'signal', description: 'gives up retrying failing calls' },
        logger: call.logger,
        stateDirectory: { kind: 'string', description: 'where the ledgers are' },
        dryRun: boolean('only list what would be undone; change nothing'),
      },
    }),
  };
  return Object.freeze(declarations);
}
