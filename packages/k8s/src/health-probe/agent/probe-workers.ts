import { type AgentApi, agentApi, expectStatus } from './agent-api';
import { agentLog, errorText } from './agent-log';
import type { AgentSettings } from './agent-settings';
import type { AgentState } from './agent-state';
import { type HeartbeatEmitter, heartbeatObject } from './heartbeat-emitter';

// The DNSEntry lives in the probe's namespace (its RBAC allows dnsentries there).
const settingsNamespace = 'chaos-garden-probe';

/** What every worker gets. */
export interface WorkerContext {
  readonly settings: AgentSettings;
  readonly state: AgentState;
  readonly api: AgentApi;
  readonly emitter: HeartbeatEmitter;
  readonly zone: string;
  /** Resolves a name to an IPv4 address (a child process in the pod; injectable for tests). */
  readonly resolve: (name: string) => Promise<string>;
}

/** Runs `round` once a second until the agent terminates. */
async function everySecond(state: AgentState, round: () => Promise<void>): Promise<void> {
  while (!state.terminating) {
    await round();
    await state.sleep(1000);
  }
}

/** `api-external` (the configured API server) then `api-internal` (the in-cluster service name), 5 s each. */
export function apiProbe(context: WorkerContext): Promise<void> {
  const { settings, state, emitter, zone } = context;
  const internal = agentApi({
    server: settings.internalApiServer,
    token: settings.token,
    caPem: settings.caPem,
  });
  const probe = async (probeName: string, api: AgentApi) => {
    try {
      expectStatus(await api.call('GET', '/version', undefined, 5000), 'GET /version', 200);
      emitter.enqueue(heartbeatObject(probeName, zone, true));
    } catch (error) {
      emitter.enqueue(heartbeatObject(probeName, zone, false, errorText(error)));
    }
  };
  return everySecond(state, async () => {
    await probe('api-external', context.api);
    await probe('api-internal', internal);
  });
}

/** `dns-external` / `dns-internal`: resolve both names once as a baseline (a failure ends the worker). */
export async function dnsProbe(context: WorkerContext): Promise<void> {
  const { settings, state, emitter, zone } = context;
  const names = [
    ['dns-external', settings.dnsExternalName],
    ['dns-internal', settings.dnsInternalName],
  ] as const;
  try {
    for (const [, name] of names) agentLog(`DNS baseline: ${name} is ${await context.resolve(name)}.`);
  } catch (error) {
    agentLog(`DNS baseline failed, no DNS heartbeats: ${errorText(error)}`);
    return;
  }
  await everySecond(state, async () => {
    for (const [probe, name] of names) {
      try {
        emitter.enqueue(heartbeatObject(probe, zone, true, await context.resolve(name)));
      } catch (error) {
        emitter.enqueue(heartbeatObject(probe, zone, false, errorText(error)));
      }
    }
  });
}

/** `web-hook`: creates `AcknowledgedHeartbeat`s with `ready: false`; the mutating web-hook sets them ready. */
export function webhookChallenger(context: WorkerContext): Promise<void> {
  return everySecond(context.state, async () => {
    const heartbeat = heartbeatObject('web-hook', 'regional', false, undefined, 'AcknowledgedHeartbeat');
    try {
      const answer = await context.api.call(
        'POST',
        '/apis/chaos.gardener.cloud/v1/acknowledgedheartbeats',
        heartbeat,
        15_000,
      );
      expectStatus(answer, `create ${heartbeat.metadata.name}`, 201, 409);
    } catch (error) {
      agentLog(`Web-hook challenge failed: ${errorText(error)}`);
    }
  });
}

/** Seconds of the day (UTC) encoded as `10.<hour>.<minute>.<second>` and back. */
export function timeRecordTarget(now: Date): string {
  return `10.${now.getUTCHours()}.${now.getUTCMinutes()}.${now.getUTCSeconds()}`;
}

/** How far the resolved record lags behind `now`, in seconds (wrapping at midnight). */
export function recordLagSeconds(address: string, now: Date): number {
  const [, hour, minute, second] = address.split('.').map(Number) as [number, number, number, number];
  const recorded = hour * 3600 + minute * 60 + second;
  const current = now.getUTCHours() * 3600 + now.getUTCMinutes() * 60 + now.getUTCSeconds();
  const lag = current - recorded;
  return lag < 0 ? lag + 86_400 : lag;
}

/**
 * `dns-management` (Gardener only): keeps a DNSEntry pointing at the current time and measures how far
 * the resolved record lags. Without `kube-system/shoot-info` `data.domain` it ends without heartbeats.
 */
export async function dnsManagementProbe(context: WorkerContext): Promise<void> {
  const { api, state, emitter, zone } = context;
  let domain: string | undefined;
  try {
    const answer = await api.call('GET', '/api/v1/namespaces/kube-system/configmaps/shoot-info');
    domain = answer.status === 200 ? (answer.body as { data?: { domain?: string } }).data?.domain : undefined;
  } catch (error) {
    agentLog(`Reading kube-system/shoot-info failed: ${errorText(error)}`);
  }
  if (!domain) return;
  const fqdn = `chaosgarden-dns-mgmt-probe-test-record-${zone}.${domain}`;
  const entryName = fqdn.split('.')[0] as string;
  const entries = `/apis/dns.gardener.cloud/v1alpha1/namespaces/${settingsNamespace}/dnsentries`;
  let created = false;
  const updater = everySecond(state, async () => {
    const targets = [timeRecordTarget(new Date())];
    try {
      if (!created) {
        const body = {
          apiVersion: 'dns.gardener.cloud/v1alpha1',
          kind: 'DNSEntry',
          metadata: {
            name: entryName,
            namespace: settingsNamespace,
            annotations: { 'dns.gardener.cloud/class': 'garden' },
          },
          spec: { dnsName: fqdn, ttl: 1, targets },
        };
        expectStatus(await api.call('POST', entries, body), `create DNSEntry ${entryName}`, 201, 409);
        created = true;
      } else {
        const answer = await api.call(
          'PATCH',
          `${entries}/${entryName}`,
          { spec: { targets } },
          5000,
          'application/merge-patch+json',
        );
        expectStatus(answer, `patch DNSEntry ${entryName}`, 200);
      }
    } catch (error) {
      agentLog(`DNS record update failed: ${errorText(error)}`);
    }
  });
  let resolvedOnce = false;
  const prober = everySecond(state, async () => {
    try {
      const lag = recordLagSeconds(await context.resolve(fqdn), new Date());
      resolvedOnce = true;
      emitter.enqueue(heartbeatObject('dns-management', zone, lag <= 60, `lags ${lag}s`));
    } catch (error) {
      if (resolvedOnce) emitter.enqueue(heartbeatObject('dns-management', zone, false, errorText(error)));
    }
  });
  await Promise.all([updater, prober]);
}
