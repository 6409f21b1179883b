import { describeError } from '@chaosgarden/core';
import type { KubeClient } from '../../cluster/kube-client';
import { statusCodeOf } from '../../k8s-errors';
import { describeManifest, objectPath } from '../resources/manifest-paths';
import { probeObjects } from '../resources/probe-objects';

/**
 * Reads every fixed probe object, the namespace included, and sorts them into those answering 404
 * (`verified`) and those still there or unreadable (`leftovers`, with the reason for the latter).
 */
export async function verifyProbeGone(
  client: KubeClient,
): Promise<{ verified: string[]; leftovers: string[] }> {
  const verified: string[] = [];
  const leftovers: string[] = [];
  for (const manifest of probeObjects) {
    const described = describeManifest(manifest);
    try {
      await client.request({ verb: 'get', path: objectPath(manifest), operation: `get ${described}` });
      leftovers.push(described);
    } catch (error) {
      if (statusCodeOf(error) === 404) verified.push(described);
      else leftovers.push(`${described} (could not be checked: ${describeError(error)})`);
    }
  }
  return { verified, leftovers };
}
