import type { Logger } from '@chaosgarden/core';
import type { KubeClient } from '../../cluster/kube-client';
import { assertProbeClaimed } from '../guard/probe-guard';
import { type ProbeHolder, withHolderAnnotation } from '../guard/probe-holder';
import { createProbeResources } from '../resources/create-probe-resources';
import { probeManifests } from '../resources/probe-manifests';
import { webhookServiceHost } from '../resources/probe-resource-names';
import { createWebhookTls } from '../resources/self-signed-certificate';
import { waitForHeartbeatDefinitions } from '../resources/wait-for-definitions';
import { detectZones } from './detect-zones';

export interface InstallProbeOptions {
  readonly agentSource: string;
  readonly image: string;
  readonly holder: ProbeHolder;
  readonly logger: Logger;
  /** Stops the set-up between (and during) creations; the caller's roll-back then removes what exists. */
  readonly signal: AbortSignal;
}

/**
 * Creates the probe's resources (spec §2, one replica per zone) with the holder in the namespace,
 * checks that the namespace names this run, and waits for the heartbeat definitions.
 *
 * @returns the zones found on the nodes.
 * @throws SimulationLockedError when another probe claimed the namespace first.
 */
export async function installProbe(client: KubeClient, options: InstallProbeOptions): Promise<string[]> {
  const { logger, signal } = options;
  const zones = await detectZones(client, logger);
  const manifests = probeManifests({
    replicas: Math.max(1, zones.length),
    agentSource: options.agentSource,
    image: options.image,
    tls: createWebhookTls(webhookServiceHost),
  });
  await createProbeResources(client, withHolderAnnotation(manifests, options.holder), logger, signal);
  signal.throwIfAborted();
  await assertProbeClaimed(client, options.holder, signal);
  const pending = await waitForHeartbeatDefinitions(client, 60_000, signal);
  if (pending.length > 0)
    logger.warn(`Heartbeat definitions not established after 60s: ${pending.join(', ')}.`);
  return zones;
}
