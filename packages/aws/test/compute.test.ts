import {
  CreateTagsCommand,
  DescribeInstancesCommand,
  type EC2Client,
  RequestSpotInstancesCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { createMemoryLedger, createMemoryLogger } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import { runComputeFailureSimulation, runComputeFailureSimulationInBackground } from '../src/index';
import { startFaultProxy } from './support/fault-proxy';
import { clusterFilters, clusterTagKey } from './support/fixture';
import { motoConnection, pluginAccess } from './support/moto';
import { useMotoFixture } from './support/moto-fixture';
import { instanceStates } from './support/moto-state';
import { until } from './support/until';

const connection = motoConnection();
useTemporaryStateDirectory();

describe('runComputeFailureSimulation against moto', () => {
  const moto = useMotoFixture(connection);

  const targets = () =>
    moto.fixture.instances.filter((instance) => instance.zone === moto.fixture.zones[0] && instance.tagged);
  const options = () => ({
    zone: moto.fixture.zones[0],
    filters: clusterFilters(),
    ...pluginAccess(connection),
    logger: createMemoryLogger(),
  });

  it('terminates exactly the zone’s matching instances and touches no other', async () => {
    const ledger = createMemoryLedger();
    const result = await runComputeFailureSimulation({ ...options(), ledger });
    const states = await instanceStates(moto.ec2);
    const hit = targets().map((instance) => instance.id);
    expect(hit).toHaveLength(3);
    for (const instance of moto.fixture.instances) {
      expect(states.get(instance.id), `${instance.id} in ${instance.zone}`).toBe(
        hit.includes(instance.id) ? 'terminated' : 'running',
      );
    }
    expect(result.reason).toBe('single-invocation');
    expect(result.affected.map((target) => target.id).sort()).toEqual([...hit].sort());
    const intents = (await ledger.entries()).filter((entry) => entry.phase === 'intent');
    expect(intents.map((entry) => entry.action)).toEqual(['terminate-instances']);
    expect([...(intents[0]?.resources ?? [])].sort()).toEqual([...hit].sort());
  });

  it('restarts running instances with a reboot request (a no-op in moto) and reports them', async () => {
    const logger = createMemoryLogger();
    const ledger = createMemoryLedger();
    const result = await runComputeFailureSimulation({ ...options(), mode: 'restart', logger, ledger });
    expect(result.mode).toBe('restart');
    expect(result.affected.map((target) => target.id).sort()).toEqual(
      targets()
        .map((instance) => instance.id)
        .sort(),
    );
    expect(result.affected.every((target) => target.details?.operation === 'restart')).toBe(true);
    expect([...(await instanceStates(moto.ec2)).values()].every((state) => state === 'running')).toBe(true);
    expect(logger.entries.map((entry) => entry.message)).toContainEqual(
      expect.stringMatching(/^Restarted normal instance\(s\): i-/),
    );
    expect(
      (await ledger.entries()).filter((entry) => entry.phase === 'intent').map((entry) => entry.action),
    ).toEqual(['reboot-instances']);
  });

  it('waits for each instance’s lifetime since launch before hitting it', async () => {
    const logger = createMemoryLogger();
    const untouched = await runComputeFailureSimulation({
      ...options(),
      minRuntime: 3600,
      maxRuntime: 3600,
      logger,
      ledger: createMemoryLedger(),
    });
    expect(untouched.affected).toEqual([]);
    const launched = await launchTimes(moto.ec2);
    for (const instance of targets()) {
      const due = new Date((launched.get(instance.id) ?? 0) + 3_600_000)
        .toISOString()
        .replace('T', ' ')
        .replace('.000Z', '+00:00');
      expect(logger.entries.map((entry) => entry.message)).toContain(
        `Scheduled instance to terminate: ${instance.id} at ${due}`,
      );
    }
    const result = await runComputeFailureSimulation({
      ...options(),
      minRuntime: 3,
      maxRuntime: 3,
      duration: 6,
      ledger: createMemoryLedger(),
    });
    expect(result.affected).toHaveLength(3);
    for (const target of result.affected) {
      expect(Date.parse(String(target.details?.at))).toBeGreaterThan((launched.get(target.id) ?? 0) + 3000);
    }
  });

  it('keeps terminating what comes up in the zone until the duration ends', async () => {
    const run = runComputeFailureSimulation({ ...options(), duration: 5, ledger: createMemoryLedger() });
    // The first pass is over once moto shows the zone's matching instances terminated.
    await until('the first pass to terminate the zone’s instances', async () => {
      const states = await instanceStates(moto.ec2);
      return targets().every((instance) => states.get(instance.id) === 'terminated');
    });
    const subnet = moto.fixture.subnets.find(
      (candidate) => candidate.zone === moto.fixture.zones[0] && candidate.tagged,
    );
    const late = await launch(moto.ec2, { SubnetId: subnet?.id, tagged: true });
    const result = await run;
    expect(result.reason).toBe('time-up');
    expect(result.affected.map((target) => target.id)).toContain(late);
    expect((await instanceStates(moto.ec2)).get(late)).toBe('terminated');
  });

  it('terminates spot instances with the others', async () => {
    const request = await moto.ec2.send(
      new RequestSpotInstancesCommand({
        InstanceCount: 1,
        LaunchSpecification: {
          ImageId: 'ami-03cf127a',
          Placement: { AvailabilityZone: moto.fixture.zones[0] },
        },
      }),
    );
    const spot = request.SpotInstanceRequests?.[0]?.InstanceId ?? '';
    await moto.ec2.send(
      new CreateTagsCommand({ Resources: [spot], Tags: [{ Key: clusterTagKey, Value: '1' }] }),
    );
    const result = await runComputeFailureSimulation({ ...options(), ledger: createMemoryLedger() });
    expect(result.affected).toHaveLength(4);
    expect(result.affected).toContainEqual(
      expect.objectContaining({ id: spot, details: expect.objectContaining({ lifecycle: 'spot' }) }),
    );
    expect((await instanceStates(moto.ec2)).get(spot)).toBe('terminated');
  });

  it('retries a throttled call of the kill loop with core’s policy and logs it', async () => {
    const proxy = await startFaultProxy(connection.endpoint);
    try {
      proxy.inject({ action: 'TerminateInstances', times: 2, status: 503, code: 'RequestLimitExceeded' });
      const logger = createMemoryLogger();
      const result = await runComputeFailureSimulation({
        ...options(),
        ...pluginAccess(connection, proxy.url),
        logger,
        ledger: createMemoryLedger(),
      });
      expect(result.affected).toHaveLength(3);
      expect(proxy.actions.filter((action) => action === 'TerminateInstances')).toHaveLength(3);
      const retries = logger.entries.filter(
        (entry) => entry.level === 'warn' && entry.message.startsWith('Retrying TerminateInstances'),
      );
      expect(retries).toHaveLength(2);
      expect(retries[0]?.message).toContain('RequestLimitExceeded');
    } finally {
      await proxy.close();
    }
  });

  it('no longer lets one refused instance hold back the others', async () => {
    const proxy = await startFaultProxy(connection.endpoint);
    const [refused, ...others] = targets();
    try {
      proxy.inject({
        action: 'TerminateInstances',
        bodyIncludes: refused?.id ?? '',
        times: 100,
        status: 400,
        code: 'OperationNotPermitted',
      });
      const logger = createMemoryLogger();
      const result = await runComputeFailureSimulation({
        ...options(),
        ...pluginAccess(connection, proxy.url),
        logger,
        ledger: createMemoryLedger(),
      });
      expect(result.affected.map((target) => target.id).sort()).toEqual(
        others.map((instance) => instance.id).sort(),
      );
      const states = await instanceStates(moto.ec2);
      expect(states.get(refused?.id ?? '')).toBe('running');
      expect(others.every((instance) => states.get(instance.id) === 'terminated')).toBe(true);
      const errors = logger.entries.filter((entry) => entry.level === 'error').map((entry) => entry.message);
      expect(errors.at(-1)).toMatch(
        /^Instances failed to terminate: CloudApiError: aws TerminateInstances failed: OperationNotPermitted/,
      );
      expect(logger.entries.some((entry) => entry.message.startsWith('Retrying'))).toBe(false);
    } finally {
      await proxy.close();
    }
  });

  it('runs in the background until terminated', async () => {
    const ledger = createMemoryLedger();
    const task = runComputeFailureSimulationInBackground({
      ...options(),
      mode: 'restart',
      duration: -1,
      ledger,
    });
    // A reboot leaves no trace in moto's instance states; the ledger records each pass's reboot.
    await until('the first pass to reboot the zone’s instances', async () =>
      (await ledger.entries()).some((entry) => entry.action === 'reboot-instances' && entry.phase === 'done'),
    );
    expect(task.status).toBe('running');
    await task.terminate();
    const result = await task.join();
    expect(task.status).toBe('terminated');
    expect(result.reason).toBe('termination-requested');
    expect(result.affected.length).toBeGreaterThanOrEqual(3);
  });
});

async function launchTimes(ec2: EC2Client): Promise<Map<string, number>> {
  const response = await ec2.send(new DescribeInstancesCommand({}));
  return new Map(
    (response.Reservations ?? []).flatMap((reservation) =>
      (reservation.Instances ?? []).map(
        (instance) => [instance.InstanceId ?? '', instance.LaunchTime?.getTime() ?? 0] as const,
      ),
    ),
  );
}

async function launch(
  ec2: EC2Client,
  options: { SubnetId: string | undefined; tagged: boolean },
): Promise<string> {
  const response = await ec2.send(
    new RunInstancesCommand({
      ImageId: 'ami-03cf127a',
      MinCount: 1,
      MaxCount: 1,
      SubnetId: options.SubnetId,
      TagSpecifications: options.tagged
        ? [{ ResourceType: 'instance', Tags: [{ Key: clusterTagKey, Value: '1' }] }]
        : [],
    }),
  );
  return response.Instances?.[0]?.InstanceId ?? '';
}
