import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubeAccess, kubeRequest, readSandboxConnection } from '@chaosgarden/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import type { Journal } from '../src/index';
import { examplesDir, scratchDirectory, startCli } from './support/run-cli';

const access = kubeAccess(readSandboxConnection());
const namespace = `cli-pods-${Date.now().toString(36)}`;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await kubeRequest<T>(access, method, path, body === undefined ? {} : { body });
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${response.text.slice(0, 300)}`);
  return response.body;
}

/** A pod pinned to a kwok node, owned by a ConfigMap (so no controller re-creates it). */
async function pod(name: string, node: string, owner: { uid: string }) {
  await call('POST', `/api/v1/namespaces/${namespace}/pods`, {
    metadata: {
      name,
      labels: { app: namespace },
      ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.uid }],
    },
    spec: { nodeName: node, automountServiceAccountToken: false, containers: [{ name: 'c', image: 'fake' }] },
  });
}

async function livePods(): Promise<string[]> {
  const list = await call<{ items: { metadata: { name: string; deletionTimestamp?: string } }[] }>(
    'GET',
    `/api/v1/namespaces/${namespace}/pods`,
  );
  return list.items
    .filter((item) => item.metadata.deletionTimestamp === undefined)
    .map((item) => item.metadata.name)
    .sort();
}

describe('chaosgarden run with the k8s pod simulation', () => {
  afterAll(() => call('DELETE', `/api/v1/namespaces/${namespace}`));

  it('deletes the selected pods in the zone and journals them, leaving other zones alone', async () => {
    await call('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
    const owner = await call<{ metadata: { uid: string } }>(
      'POST',
      `/api/v1/namespaces/${namespace}/configmaps`,
      {
        metadata: { name: 'owner' },
      },
    );
    await pod('in-a-1', 'kwok-node-us-east-1a', owner.metadata);
    await pod('in-a-2', 'kwok-node-us-east-1a', owner.metadata);
    await pod('in-b', 'kwok-node-us-east-1b', owner.metadata);

    const cwd = scratchDirectory();
    const { code, stderr } = await startCli(['run', join(examplesDir, 'k8s-pods.yaml')], cwd, {
      POD_SELECTOR: `app=${namespace}`,
    }).done;
    expect(stderr).toContain('Terminating pods in');
    expect(code).toBe(0);
    expect(await livePods()).toEqual(['in-b']);
    const journal = JSON.parse(readFileSync(join(cwd, 'journal.json'), 'utf8')) as Journal;
    const deleted = (
      (journal.run[0]?.output ?? { deleted: [] }) as { deleted: { name: string }[] }
    ).deleted.map((entry) => entry.name);
    expect(deleted.sort()).toEqual(['in-a-1', 'in-a-2']);
  });
});
