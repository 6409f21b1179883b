/** The fixed names of the probe's resources, shared with the Python tool so either can clean up. */
export const probeNamespace = 'chaos-garden-probe';
export const probeGroup = 'chaos.gardener.cloud';
export const roleLabel = 'chaos.gardener.cloud/role';
export const zoneLabel = 'topology.kubernetes.io/zone';
export const webhookServiceHost = 'probe.chaos-garden-probe.svc';
/** The ConfigMap key that carries the agent (ours; the Python tool used `probe-pod.py`/`suicidal-pod.py`). */
export const agentFileName = 'probe-agent.cjs';
/** A stock Node.js image; override it for registries behind a firewall. */
export const defaultProbeImage = 'node:22-slim';

/** Heartbeat kinds: plural → kind. */
export const heartbeatKinds = {
  heartbeats: 'Heartbeat',
  acknowledgedheartbeats: 'AcknowledgedHeartbeat',
} as const;

/**
 * Namespace annotation naming the probe run that installed the resources (JSON, see `ProbeHolder`), so
 * a second probe on the same cluster can tell a live install from a left-over.
 */
export const holderAnnotation = 'chaos.gardener.cloud/holder';
