// The example plugin's network actions on its in-memory cloud, following rules 3-5 of the contract
// unless the cloud says which rule to break.
import {
  abortableSleep,
  CloudApiError,
  createMemoryLedger,
  type NetworkFailureSimulationResult,
  type RollbackLedger,
  type RollbackResult,
  SimulationLockedError,
  type Target,
} from '@chaosgarden/core';
import {
  commonOptionKeys,
  currentHolder,
  type ExampleCloud,
  type ExampleHolder,
  holderAlive,
  refuseUnknownOptions,
} from './example-cloud.test-fixture';
import {
  type CommonOptions,
  validateCommon,
  validateDuration,
  validateMode,
  validateTargets,
} from './example-validation.test-fixture';

const networkModes = ['total', 'ingress', 'egress'] as const;
const simulationKeys = [...commonOptionKeys, 'mode', 'duration', 'allowSelfTarget', 'rollbackLeftovers'];

interface NetworkOptions extends CommonOptions {
  mode?: string;
  duration?: unknown;
  signal?: AbortSignal;
  ledger?: RollbackLedger;
  stateDirectory?: string;
}

const describeHolder = (holder: ExampleHolder) => `run ${holder.runId} (pid ${holder.pid} on ${holder.host})`;
const networkTarget = (id: string, zone: string): Target => ({ kind: 'network', id, zone });

/** Blocks the filters' networks, waits for `duration` (negative: until aborted), then unblocks them. */
export async function simulateNetworkFailure(
  cloud: ExampleCloud,
  options: NetworkOptions,
): Promise<NetworkFailureSimulationResult> {
  refuseUnknownOptions(cloud, options, simulationKeys);
  const mode = validateMode(options.mode ?? 'total', networkModes);
  const duration = validateDuration(options.duration);
  const { zone, filters } = validateTargets(options);
  options.signal?.throwIfAborted();
  const ledger = options.ledger ?? createMemoryLedger();
  const holder = currentHolder(ledger.runId);
  const lockKey = `${options.stateDirectory ?? 'default'}:${zone}`;
  const locked = cloud.broken !== 'no-lock';
  const lockHolder = cloud.locks.get(lockKey);
  if (locked && lockHolder !== undefined) {
    throw new SimulationLockedError({
      lock: `network failure simulation of ${zone}`,
      holder: describeHolder(lockHolder),
      seen: 'on this machine',
    });
  }
  if (locked) cloud.locks.set(lockKey, holder);
  const blocked: Target[] = [];
  try {
    if (locked && cloud.broken !== 'no-cloud-holder') assertNotHeldInCloud(cloud, zone, holder);
    for (const id of filters.networks ?? []) {
      const entry = { provider: 'example', zone, action: 'block-network', resources: [id] };
      if (cloud.broken === 'change-before-intent') cloud.blocks.set(id, { zone, holder });
      const intent = await ledger.recordIntent(entry);
      cloud.blocks.set(id, { zone, holder });
      await ledger.markDone(intent);
      blocked.push(networkTarget(id, zone));
    }
    if (duration !== 0) await abortableSleep(duration < 0 ? 2 ** 31 - 1 : duration * 1000, options.signal);
  } finally {
    try {
      await unblockOwn(cloud, ledger, zone, holder);
    } finally {
      if (locked) cloud.locks.delete(lockKey);
    }
  }
  const reason = options.signal?.aborted
    ? 'termination-requested'
    : duration === 0
      ? 'single-invocation'
      : 'time-up';
  const rollback = { zone, restored: blocked, removed: [], warnings: [] };
  return { zone, mode, blocked, rollback, warnings: [], reason, netDurationSeconds: 0, status: 'complete' };
}

function assertNotHeldInCloud(cloud: ExampleCloud, zone: string, own: ExampleHolder): void {
  for (const [id, block] of cloud.blocks) {
    if (block.zone === zone && block.holder.runId !== own.runId && holderAlive(block.holder)) {
      throw new SimulationLockedError({
        lock: `network failure simulation of ${zone}`,
        holder: describeHolder(block.holder),
        seen: `in the cloud (block on ${id})`,
      });
    }
  }
}

async function unblockOwn(cloud: ExampleCloud, ledger: RollbackLedger, zone: string, holder: ExampleHolder) {
  const pending = (await ledger.entries()).filter(
    (entry) => entry.phase === 'intent' && entry.action === 'block-network',
  );
  for (const intent of pending) {
    const [id = ''] = intent.resources;
    if (cloud.blocks.get(id)?.holder.runId === holder.runId) {
      const step = await ledger.recordIntent({
        provider: 'example',
        zone,
        action: 'unblock-network',
        resources: [id],
        role: 'rollback-step',
      });
      cloud.blocks.delete(id);
      await ledger.markDone(step);
    }
    await ledger.markUndone(intent);
  }
}

/** Removes every block on the filters' networks (all of the zone's without a networks filter). */
export async function rollbackNetworkFailure(
  cloud: ExampleCloud,
  options: NetworkOptions,
): Promise<RollbackResult> {
  refuseUnknownOptions(cloud, options, [...commonOptionKeys, 'mode']);
  validateMode(options.mode ?? 'total', networkModes);
  const { zone, filters } = validateCommon(options);
  options.signal?.throwIfAborted();
  const ledger = options.ledger ?? createMemoryLedger();
  const ids =
    cloud.broken === 'rollback-fails-when-clean'
      ? [...(filters.networks ?? [])]
      : [...cloud.blocks].filter(
          ([id, block]) => block.zone === zone && (filters.networks?.includes(id) ?? true),
        );
  const restored: Target[] = [];
  for (const entry of ids) {
    const id = typeof entry === 'string' ? entry : entry[0];
    const step = await ledger.recordIntent({
      provider: 'example',
      zone,
      action: 'unblock-network',
      resources: [id],
      role: 'rollback-step',
    });
    if (!cloud.blocks.delete(id)) {
      throw new CloudApiError({
        operation: 'UnblockNetwork',
        cause: new Error(`no block on ${id}`),
        provider: 'example',
      });
    }
    await ledger.markDone(step);
    restored.push(networkTarget(id, zone));
  }
  return { zone, restored, removed: [], warnings: [] };
}
