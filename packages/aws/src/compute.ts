import {
  acquireLocalLock,
  assertTargetFiltersNotEmpty,
  assertWithinMaxTargets,
  type ComputeFailureMode,
  type ComputeFailureSimulationResult,
  createFileLedger,
  createLifetimeScheduler,
  createLogger,
  createTerminator,
  describeError,
  filterHash,
  isRetryableError,
  type Logger,
  parseDuration,
  runSimulation,
  type Target,
  TooManyTargetsError,
  validateMaxTargets,
  validateMode,
  validateRuntimes,
  validateZone,
} from '@chaosgarden/core';
import { createEc2Connection, type Ec2Connection } from './aws-client';
import { instanceZoneFilter, resolveAwsFilters } from './aws-filters';
import { resolveAwsSettings } from './aws-settings';
import type { AwsComputeFailureSimulationOptions } from './aws-types';
import { applyDue, type ComputeStep, collectDue, isEligible } from './compute-operations';
import { createEc2Api } from './ec2-api';
import { reprOf } from './network-context';
import { providerId } from './provider-id';
import { assertSelfNotAmongInstances, findSelfInstance, type SelfInstance } from './self-instance';

export const computeFailureModes: readonly ComputeFailureMode[] = ['terminate', 'restart'];

/** Spec aws.md: assumed termination and restart times (the back-off after an operation), loop period. */
const assumedTerminationSeconds = 20;
const assumedRestartSeconds = 20;
const loopPeriodMs = 1000;

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
          'aws',
          input.settings.region,
          input.zone,
          filterHash(input.filters.raw.instances ?? []),
        ],
        description: `compute failure simulation of zone ${input.zone} (instances ${reprOf(input.filters.raw.instances)})`,
        ...(options.stateDirectory === undefined ? {} : { directory: options.stateDirectory }),
      });
      const connection = await createEc2Connection(input.settings);
      try {
        return await killLoop(connection, input, options, logger, signal);
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

async function killLoop(
  connection: Ec2Connection,
  input: ComputeInput,
  options: AwsComputeFailureSimulationOptions,
  logger: Logger,
  signal: AbortSignal,
): Promise<ComputeFailureSimulationResult> {
  const { mode, zone, minRuntime, maxRuntime } = input;
  const warnings = [...input.settings.warnings];
  for (const warning of warnings) {
    logger.warn(warning);
  }
  const step = createStep(connection, input, options, logger, signal);
  const self =
    options.allowSelfTarget === true ? undefined : await findSelfInstance(step.api, input.settings.endpoint);
  // Drawn once per run, as in the Python tool (spec README §4, defect 3).
  const backOffSeconds =
    mode === 'terminate'
      ? assumedTerminationSeconds
      : assumedRestartSeconds + step.scheduler.drawRuntimeSeconds();
  logger.info(
    `Messing up instances matching ${reprOf(input.filters.raw.instances)} in zone ${zone} (${mode} between ${minRuntime}s and ${maxRuntime}s).`,
  );
  const affected: Target[] = [];
  const who = 'runComputeFailureSimulation';
  const terminator = createTerminator({ duration: input.duration, who, logger, signal });
  for (let pass = 0; !terminator.isTerminated(); pass++) {
    try {
      affected.push(...(await runPass(step, input, pass, backOffSeconds, self)));
    } catch (error) {
      if (signal.aborted) {
        break;
      }
      // Nothing was touched yet and trying again cannot help: credentials, permissions, a bad filter.
      if (pass === 0 && (TooManyTargetsError.isInstance(error) || !isRetryableError(error))) {
        throw error;
      }
      logger.error(`Instances failed to ${mode}: ${describeError(error)}`);
    }
    await terminator.sleep(loopPeriodMs);
  }
  terminator.isTerminated();
  return {
    zone,
    mode,
    affected,
    warnings,
    reason: terminator.reason ?? 'termination-requested',
    netDurationSeconds: terminator.netDurationSeconds,
  };
}

function createStep(
  connection: Ec2Connection,
  input: ComputeInput,
  options: AwsComputeFailureSimulationOptions,
  logger: Logger,
  signal: AbortSignal,
): ComputeStep {
  return {
    api: createEc2Api(connection, logger, { signal, untilAborted: false }),
    recorder: {
      provider: providerId,
      zone: input.zone,
      ledger:
        options.ledger ??
        createFileLedger(options.stateDirectory === undefined ? {} : { directory: options.stateDirectory }),
      changed: false,
    },
    logger,
    mode: input.mode,
    scheduler: createLifetimeScheduler({ minRuntime: input.minRuntime, maxRuntime: input.maxRuntime }),
    now: () => Date.now(),
  };
}

/** One pass of the Python tool's loop: list the zone's instances, hit those that are due. */
async function runPass(
  step: ComputeStep,
  input: ComputeInput,
  pass: number,
  backOffSeconds: number,
  self: SelfInstance | undefined,
) {
  const query = [...input.filters.lists.instances, instanceZoneFilter(input.zone)];
  let eligible = (await step.api.describeInstances(query)).filter((instance) =>
    isEligible(input.mode, instance),
  );
  if (self !== undefined && eligible.some((instance) => instance.InstanceId === self.instanceId)) {
    if (pass === 0) {
      assertSelfNotAmongInstances(self, [self.instanceId]);
    }
    step.logger.warn(`Sparing instance ${self.instanceId}: this process runs on it.`);
    eligible = eligible.filter((instance) => instance.InstanceId !== self.instanceId);
  }
  if (!withinLimit(eligible.length, input, pass, step.logger)) {
    return [];
  }
  return applyDue(step, collectDue(step, eligible, backOffSeconds));
}

/**
 * `maxTargets` on the first pass refuses the run (nothing touched yet); on a later pass (the zone grew)
 * the pass is skipped with a warning.
 */
function withinLimit(found: number, input: ComputeInput, pass: number, logger: Logger): boolean {
  if (input.maxTargets === undefined || found <= input.maxTargets) {
    return true;
  }
  if (pass === 0) {
    assertWithinMaxTargets({ found, maxTargets: input.maxTargets, kind: 'instances', zone: input.zone });
  }
  logger.warn(
    `Found ${found} instances in zone ${input.zone}, more than maxTargets (${input.maxTargets}); skipping this pass.`,
  );
  return false;
}
