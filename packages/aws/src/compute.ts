import {
  acquireLocalLock,
  assertTargetFiltersNotEmpty,
  type ComputeFailureSimulationResult,
  type ComputeLoopTiming,
  computeFailureModes,
  createFileLedger,
  createLogger,
  filterHash,
  type Logger,
  parseDuration,
  runComputeLoop,
  runSimulation,
  validateMaxTargets,
  validateMode,
  validateRuntimes,
  validateZone,
} from '@chaosgarden/core';
import { createEc2Connection, type Ec2Connection } from './aws-client';
import { instanceZoneFilter, resolveAwsFilters } from './aws-filters';
import { resolveAwsSettings } from './aws-settings';
import type { AwsComputeFailureSimulationOptions } from './aws-types';
import { ec2ComputeHooks } from './compute-operations';
import { createEc2Api } from './ec2-api';
import { reprOf } from './network-context';
import { providerId } from './provider-id';

/** Spec aws.md: assumed termination and restart times (the back-off after an operation), loop period. */
const timing: ComputeLoopTiming = {
  terminateBackOffSeconds: 20,
  restartBackOffSeconds: 20,
  loopPeriodMs: 1000,
  // The other providers' per-machine retry; AWS's Python tool had none (it retried the whole batch).
  failedRetrySeconds: 1,
};

type ComputeInput = ReturnType<typeof resolveComputeInput>;

/**
 * Terminates (`mode: 'terminate'`, default) or reboots (`restart`) the matching instances of the zone,
 * each once it has run for a random lifetime in `[minRuntime, maxRuntime]` seconds since its launch,
 * and keeps doing so with what comes up until `duration` ends. Nothing to roll back.
 *
 * @throws InvalidArgumentError, UnknownFilterKeyError, EmptyFiltersRefusedError before any call;
 *   TooManyTargetsError (nothing touched) or a non-retryable CloudApiError when the first listing fails.
 */
export async function runComputeFailureSimulation(
  options: AwsComputeFailureSimulationOptions,
): Promise<ComputeFailureSimulationResult> {
  const logger = options.logger ?? createLogger();
  const input = resolveComputeInput(options, logger);
  return runSimulation(
    { name: 'runComputeFailureSimulation', signal: options.signal, logger },
    async ({ signal }) => {
      const lock = await acquireLocalLock({
        key: [
          'compute-failure',
          providerId,
          input.settings.region,
          input.zone,
          filterHash(input.filters.raw.instances ?? []),
        ],
        description: `compute failure simulation of zone ${input.zone} (instances ${reprOf(input.filters.raw.instances)})`,
        ...(options.stateDirectory === undefined ? {} : { directory: options.stateDirectory }),
      });
      const connection = await createEc2Connection(input.settings);
      try {
        return await computeLoopOnEc2(connection, input, options, logger, signal);
      } finally {
        connection.client.destroy();
        await lock.release();
      }
    },
  );
}

function resolveComputeInput(options: AwsComputeFailureSimulationOptions, logger: Logger) {
  const duration = parseDuration(options.duration);
  const mode = validateMode(options.mode ?? 'terminate', computeFailureModes);
  const runtimes = validateRuntimes(options, logger);
  const zone = validateZone(options.zone);
  const filters = resolveAwsFilters(options.filters, ['instances'], ['vpcs', 'subnets']);
  assertTargetFiltersNotEmpty({
    filters: filters.raw,
    targetKeys: ['instances'],
    zone,
    ...(options.allowEmptyFilters === undefined ? {} : { allowEmptyFilters: options.allowEmptyFilters }),
  });
  const maxTargets = validateMaxTargets(options.maxTargets);
  const settings = resolveAwsSettings(options.configuration, options.secrets);
  return { duration, mode, ...runtimes, zone, filters, maxTargets, settings };
}

async function computeLoopOnEc2(
  connection: Ec2Connection,
  input: ComputeInput,
  options: AwsComputeFailureSimulationOptions,
  logger: Logger,
  signal: AbortSignal,
): Promise<ComputeFailureSimulationResult> {
  const api = createEc2Api(connection, logger, { signal, untilAborted: false });
  const query = [...input.filters.lists.instances, instanceZoneFilter(input.zone)];
  return runComputeLoop({
    hooks: ec2ComputeHooks(api, { mode: input.mode, query, endpointUrl: input.settings.endpoint }),
    recorder: {
      provider: providerId,
      zone: input.zone,
      ledger:
        options.ledger ??
        createFileLedger(options.stateDirectory === undefined ? {} : { directory: options.stateDirectory }),
      changed: false,
    },
    mode: input.mode,
    duration: input.duration,
    minRuntime: input.minRuntime,
    maxRuntime: input.maxRuntime,
    maxTargets: input.maxTargets,
    nouns: { kind: 'instance', one: 'instance', many: 'instances', groupDetail: 'lifecycle' },
    filterText: reprOf(input.filters.raw.instances),
    timing,
    allowSelfTarget: options.allowSelfTarget,
    warnings: input.settings.warnings,
    logger,
    signal,
  });
}
