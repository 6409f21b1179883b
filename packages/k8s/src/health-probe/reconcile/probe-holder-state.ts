import { holderState } from '@chaosgarden/core';
import type { KubeClient } from '../../cluster/kube-client';
import { describeProbeHolder, parseProbeHolder, probeHolderRecord } from '../guard/probe-holder';
import { readProbeNamespace } from '../guard/read-probe-install';
import { holderAnnotation } from '../resources/probe-resource-names';

/**
 * Who holds the probe install, from the namespace's holder annotation: `running-here` (a live process
 * on this machine, within its expected end: never touched), `maybe-running` (another machine, within
 * its expected end: removed anyway, and named), `over` (expected end passed, or its process is gone),
 * `none` (no readable annotation: the Python tool's install, or no namespace).
 */
export interface ProbeHolderState {
  state: 'running-here' | 'maybe-running' | 'over' | 'none';
  /** `run <id> (pid 42 on host a, since …, expected to end by …)`; absent for `none`. */
  holder?: string;
}

export async function readProbeHolderState(
  client: KubeClient,
  signal: AbortSignal | undefined,
  now = Date.now(),
): Promise<ProbeHolderState> {
  const namespace = await readProbeNamespace(client, signal);
  const holder = parseProbeHolder(namespace?.metadata?.annotations?.[holderAnnotation]);
  if (holder === undefined) return { state: 'none' };
  const described = describeProbeHolder(holder);
  const state = holderState(probeHolderRecord(holder), now);
  if (state === 'dead') return { state: 'over', holder: described };
  return { state: state === 'alive' ? 'running-here' : 'maybe-running', holder: described };
}

/**
 * The API server URL for a report or log line: without user, password, query or fragment, so that no
 * credential a kubeconfig might carry in its `server` field ends up there.
 */
export function serverUrlOf(host: string): string {
  try {
    const url = new URL(host);
    if (url.username === '' && url.password === '' && url.search === '' && url.hash === '') return host;
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString();
  } catch {
    return '(unparsable API server URL)';
  }
}
