import type { Server } from 'node:https';
import { type AgentApi, agentApi, expectStatus } from './agent-api';
import { agentLog, errorText } from './agent-log';
import type { AgentSettings } from './agent-settings';
import { AgentState } from './agent-state';
import { HeartbeatEmitter, heartbeatObject } from './heartbeat-emitter';
import { readOwnPod, zoneOfNode } from './pod-zone';
import {
  apiProbe,
  dnsManagementProbe,
  dnsProbe,
  type WorkerContext,
  webhookChallenger,
} from './probe-workers';
import { resolveInChildProcess } from './resolve-name';
import { readTlsFiles, startWebhookServer } from './webhook-server';

/** Runs the probe role until `state` terminates; resolves once the workers and the emitter are done. */
export async function runProbeAgent(settings: AgentSettings, state: AgentState): Promise<void> {
  const api = agentApi({ server: settings.apiServer, token: settings.token, caPem: settings.caPem });
  const zone = settings.zone ?? (await lookUpZone(api, settings, state));
  if (zone === undefined) return;
  agentLog(`Probe agent ${settings.podName} in zone ${zone} starts (API server ${settings.apiServer}).`);
  const emitter = new HeartbeatEmitter(api, state);
  const emitting = emitter.run();
  const context: WorkerContext = {
    settings,
    state,
    api,
    emitter,
    zone,
    resolve: (name) => resolveInChildProcess(name),
  };
  const workers: Promise<void>[] = [];
  if (settings.workers.has('web-hook')) workers.push(webhookChallenger(context));
  if (settings.workers.has('dns')) workers.push(dnsProbe(context));
  if (settings.workers.has('dns-management')) workers.push(dnsManagementProbe(context));
  if (settings.workers.has('api')) workers.push(apiProbe(context));
  const serving = serveWebhook(settings, state, zone);
  await Promise.all(
    workers.map((worker) => worker.catch((error) => agentLog(`Worker failed: ${errorText(error)}`))),
  );
  await serving;
  await emitting;
  agentLog('Probe agent stopped.');
}

/** Serves the web-hook; restarts the server 1 s after it stops, until terminating. */
async function serveWebhook(settings: AgentSettings, state: AgentState, zone: string): Promise<void> {
  let tls: { certPem: string; keyPem: string };
  try {
    tls = readTlsFiles(settings.tlsCertFile, settings.tlsKeyFile);
  } catch (error) {
    agentLog(`No web-hook server (TLS files unreadable): ${errorText(error)}`);
    return;
  }
  while (!state.terminating) {
    let server: Server;
    try {
      server = await startWebhookServer({
        ...tls,
        ...settings.webhookListen,
        podName: settings.podName,
        zone,
      });
    } catch (error) {
      agentLog(`Web-hook server failed: ${errorText(error)}`);
      await state.sleep(1000);
      continue;
    }
    const address = server.address();
    agentLog(
      `Web-hook server listens on ${typeof address === 'object' && address ? `${address.address}:${address.port}` : address}.`,
    );
    await new Promise<void>((resolve) => {
      server.once('close', resolve);
      state.onTerminate(() => server.close());
    });
    await state.sleep(1000);
  }
}

async function lookUpZone(
  api: AgentApi,
  settings: AgentSettings,
  state: AgentState,
): Promise<string | undefined> {
  while (!state.terminating) {
    try {
      const pod = await readOwnPod(api, settings.podNamespace, settings.podName);
      if (pod.nodeName) return await zoneOfNode(api, pod.nodeName);
      agentLog('Pod not scheduled yet.');
    } catch (error) {
      agentLog(`Looking up the zone failed: ${errorText(error)}`);
    }
    await state.sleep(1000);
  }
  return undefined;
}

/**
 * The suicidal role (spec §4): one `pod-lifecycle` heartbeat per pod start, ready iff the container never
 * restarted, then delete the own pod at once. Returns the process exit code.
 */
export async function runSuicidalAgent(settings: AgentSettings): Promise<number> {
  const api = agentApi({ server: settings.apiServer, token: settings.token, caPem: settings.caPem });
  try {
    const pod = await readOwnPod(api, settings.podNamespace, settings.podName);
    const zone = settings.zone ?? (await zoneOfNode(api, pod.nodeName ?? ''));
    const heartbeat = heartbeatObject('pod-lifecycle', zone, pod.restartCount === 0);
    expectStatus(
      await api.call('POST', '/apis/chaos.gardener.cloud/v1/heartbeats', heartbeat),
      'create heartbeat',
      201,
    );
    agentLog(`Sent ${heartbeat.metadata.name} (restart count ${pod.restartCount}).`);
  } catch (error) {
    agentLog(`Pod-lifecycle heartbeat failed: ${errorText(error)}`);
    return 1;
  }
  try {
    const path = `/api/v1/namespaces/${settings.podNamespace}/pods/${settings.podName}`;
    expectStatus(await api.call('DELETE', path, { gracePeriodSeconds: 0 }), 'delete own pod', 200, 202);
    return 0;
  } catch (error) {
    agentLog(`Deleting the own pod failed: ${errorText(error)}`);
    return 255;
  }
}

export { AgentState };
