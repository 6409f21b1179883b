import type { Filter, Instance } from '@aws-sdk/client-ec2';
import type { ComputeBatch, ComputeFailureMode, ComputeLoopHooks } from '@chaosgarden/core';
import type { Ec2Api } from './ec2-api';
import { findSelfInstance } from './self-instance';

/** The Python tool's eligibility: terminate anything not already going away; restart running ones only. */
export function isEligible(mode: ComputeFailureMode, instance: Instance): boolean {
  const state = (instance.State?.Name ?? '').toLowerCase();
  return mode === 'terminate' ? state !== 'shutting-down' && state !== 'terminated' : state === 'running';
}

/**
 * The EC2 calls of the compute simulation, as the kit's `runComputeLoop` hooks: list the zone's
 * eligible instances (grouped by lifecycle, lifetimes from `LaunchTime`), terminate (spot requests are
 * cancelled before their instances are terminated, as the Python tool did) and reboot.
 */
export function ec2ComputeHooks(
  api: Ec2Api,
  request: { mode: ComputeFailureMode; query: Filter[]; endpointUrl: string | undefined },
): ComputeLoopHooks {
  return {
    list: async () =>
      (await api.describeInstances(request.query))
        .filter((instance) => instance.InstanceId !== undefined && isEligible(request.mode, instance))
        .map((instance) => ({
          id: instance.InstanceId as string,
          launchedMs: instance.LaunchTime?.getTime(),
          group: instance.InstanceLifecycle ?? 'normal',
        })),
    terminate: (batch) => terminate(api, batch),
    restart: ({ ids, record }) =>
      record({ action: 'reboot-instances', resources: ids }, () => api.rebootInstances(ids)),
    findSelf: async () => (await findSelfInstance(api, request.endpointUrl))?.instanceId,
  };
}

async function terminate(api: Ec2Api, { ids, group, record }: ComputeBatch): Promise<void> {
  if (group === 'spot') {
    const requests = (await api.describeInstancesById(ids))
      .filter((instance) => instance.InstanceLifecycle === 'spot' && instance.SpotInstanceRequestId)
      .map((instance) => instance.SpotInstanceRequestId as string);
    if (requests.length > 0) {
      await record({ action: 'cancel-spot-instance-requests', resources: requests }, () =>
        api.cancelSpotInstanceRequests(requests),
      );
    }
  }
  await record({ action: 'terminate-instances', resources: ids }, () => api.terminateInstances(ids));
}
