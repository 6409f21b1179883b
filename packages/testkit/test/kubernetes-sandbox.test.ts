import { createKwokNodes, kubeAccess, kubeRequest } from '@chaosgarden/testkit';
import {
  ApiException,
  AppsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  type V1Deployment,
  type V1Namespace,
  type V1Node,
  type V1Pod,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';

const sandbox = inject('chaosgardenSandbox');
const kubeconfig = new KubeConfig();
kubeconfig.loadFromFile(sandbox.kubeconfigPath);
const core = kubeconfig.makeApiClient(CoreV1Api);
const apps = kubeconfig.makeApiClient(AppsV1Api);
const coordination = kubeconfig.makeApiClient(CoordinationV1Api);
const namespace = `smoke-${Date.now().toString(36)}`;
const nodeNames = sandbox.nodes.map((node) => node.name);

function deployment(name: string): V1Deployment {
  return {
    metadata: { name },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        // kwok never pulls the image: any reference will do, but it must be a valid one.
        spec: { containers: [{ name: 'app', image: 'registry.invalid/chaosgarden/smoke:1' }] },
      },
    },
  };
}

async function runningPods(ns: string, app: string): Promise<V1Pod[]> {
  const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: `app=${app}` });
  return pods.items.filter((pod) => pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp);
}

async function isGone(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return false;
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return true;
    throw error;
  }
}

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: namespace } } });
});

afterAll(async () => {
  await core.deleteNamespace({ name: namespace }).catch(() => undefined);
});

describe('the sandbox Kubernetes control plane', () => {
  it('has one Ready kwok node per zone, each renewing its node lease', async () => {
    const nodes = await core.listNode({ labelSelector: 'type=kwok' });
    expect(nodes.items.map((node) => node.metadata?.labels?.['topology.kubernetes.io/zone']).sort()).toEqual(
      [...sandbox.zones].sort(),
    );
    for (const node of nodes.items) {
      const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
      expect(ready?.status).toBe('True');
      const lease = await coordination.readNamespacedLease({
        name: node.metadata?.name ?? '',
        namespace: 'kube-node-lease',
      });
      // kwok renews every lease under its own identity, where a kubelet would use the node name.
      expect(lease.spec?.holderIdentity).toBeTruthy();
      const renewedAgoMs = Date.now() - new Date(lease.spec?.renewTime ?? 0).getTime();
      expect(renewedAgoMs).toBeLessThan(60_000);
    }
  });

  it('authorises with RBAC: anonymous users are forbidden, unknown tokens unauthorised', async () => {
    const access = kubeAccess(sandbox);
    const anonymous = await kubeRequest<{ message: string }>(
      { ...access, token: undefined },
      'GET',
      '/api/v1/pods',
    );
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.message).toContain('system:anonymous');
    const unknown = await kubeRequest({ ...access, token: 'not-a-sandbox-token' }, 'GET', '/api/v1/pods');
    expect(unknown.status).toBe(401);
  });

  it('rolls a Deployment out to a pod that kube-scheduler places on a kwok node and kwok runs', async () => {
    await apps.createNamespacedDeployment({ namespace, body: deployment('web') });
    const pod = await vi.waitFor(
      async () => {
        const [running] = await runningPods(namespace, 'web');
        if (!running) throw new Error('no Running pod yet');
        return running;
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(nodeNames).toContain(pod.spec?.nodeName);
    expect(pod.status?.podIP).toMatch(/^10\.244\./);
    expect(pod.status?.conditions?.find((condition) => condition.type === 'Ready')?.status).toBe('True');

    const [owner] = pod.metadata?.ownerReferences ?? [];
    expect(owner?.kind).toBe('ReplicaSet');
    const replicaSet = await apps.readNamespacedReplicaSet({ name: owner?.name ?? '', namespace });
    expect(replicaSet.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web' });

    const events = await core.listNamespacedEvent({
      namespace,
      fieldSelector: `involvedObject.name=${pod.metadata?.name}`,
    });
    expect(events.items.find((event) => event.reason === 'Scheduled')?.message).toContain(pod.spec?.nodeName);
    await vi.waitFor(
      async () => {
        const status = (await apps.readNamespacedDeployment({ name: 'web', namespace })).status;
        expect(status?.availableReplicas).toBe(1);
      },
      { timeout: 30_000, interval: 250 },
    );
  });

  it('completes a graceful pod deletion well within the grace period, and the ReplicaSet replaces the pod', async () => {
    const [pod] = await runningPods(namespace, 'web');
    const name = pod?.metadata?.name ?? '';
    const started = Date.now();
    const deleting = await core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 30 });
    // The apiserver only marks a scheduled, running pod; a kubelet (here kwok) must finish the deletion.
    expect(deleting.metadata?.deletionTimestamp).toBeDefined();
    expect(deleting.metadata?.deletionGracePeriodSeconds).toBe(30);
    await vi.waitFor(
      async () => expect(await isGone(() => core.readNamespacedPod({ name, namespace }))).toBe(true),
      { timeout: 25_000, interval: 200 },
    );
    expect(Date.now() - started).toBeLessThan(30_000);

    const replacement = await vi.waitFor(
      async () => {
        const [running] = await runningPods(namespace, 'web');
        if (!running || running.metadata?.name === name) throw new Error('no replacement pod yet');
        return running;
      },
      { timeout: 60_000, interval: 250 },
    );
    expect(nodeNames).toContain(replacement.spec?.nodeName);
  });

  it('deletes a Deployment in the foreground: garbage collection removes its ReplicaSet and pods first', async () => {
    // Raw request: the typed client reads the answer as a V1Status, but for a foreground deletion the apiserver
    // answers with the object itself, now carrying the foregroundDeletion finalizer.
    const deleting = await kubeRequest<V1Deployment>(
      kubeAccess(sandbox),
      'DELETE',
      `/apis/apps/v1/namespaces/${namespace}/deployments/web`,
      { body: { propagationPolicy: 'Foreground' } },
    );
    expect(deleting.status, deleting.text).toBe(200);
    expect(deleting.body.metadata?.deletionTimestamp, deleting.text).toBeDefined();
    expect(deleting.body.metadata?.finalizers).toContain('foregroundDeletion');
    await vi.waitFor(
      async () => {
        expect(await isGone(() => apps.readNamespacedDeployment({ name: 'web', namespace }))).toBe(true);
        expect((await apps.listNamespacedReplicaSet({ namespace })).items).toHaveLength(0);
        expect((await core.listNamespacedPod({ namespace })).items).toHaveLength(0);
      },
      { timeout: 60_000, interval: 250 },
    );
  });

  it('finalises a deleted namespace, removing the workloads in it', async () => {
    const doomed = `${namespace}-doomed`;
    await core.createNamespace({ body: { metadata: { name: doomed } } });
    await core.createNamespacedConfigMap({
      namespace: doomed,
      body: { metadata: { name: 'settings' }, data: { a: 'b' } },
    });
    await apps.createNamespacedDeployment({ namespace: doomed, body: deployment('worker') });
    await vi.waitFor(async () => expect(await runningPods(doomed, 'worker')).toHaveLength(1), {
      timeout: 60_000,
      interval: 250,
    });

    const deleting = await kubeRequest<V1Namespace>(
      kubeAccess(sandbox),
      'DELETE',
      `/api/v1/namespaces/${doomed}`,
    );
    expect(deleting.body.status?.phase, deleting.text).toBe('Terminating');
    await vi.waitFor(
      async () => expect(await isGone(() => core.readNamespace({ name: doomed }))).toBe(true),
      {
        timeout: 90_000,
        interval: 500,
      },
    );
  });

  it('reports a node NotReady while it carries kwok’s node-not-ready label, and the node lifecycle controller taints it', async () => {
    const access = kubeAccess(sandbox);
    const name = `${namespace}-outage`;
    const label = 'node-not-ready.stage.kwok.x-k8s.io';
    const readNode = async () => (await kubeRequest<V1Node>(access, 'GET', `/api/v1/nodes/${name}`)).body;
    const setLabel = (value: string | null) =>
      kubeRequest(access, 'PATCH', `/api/v1/nodes/${name}`, {
        body: { metadata: { labels: { [label]: value } } },
        contentType: 'application/merge-patch+json',
      });
    await createKwokNodes(access, [{ name, zone: sandbox.zones[0] ?? '', region: sandbox.awsRegion }]);
    try {
      await setLabel('true');
      await vi.waitFor(
        async () => {
          const node = await readNode();
          expect(node.status?.conditions?.find((condition) => condition.type === 'Ready')?.status).toBe(
            'False',
          );
          expect(node.spec?.taints).toContainEqual(
            expect.objectContaining({ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }),
          );
        },
        { timeout: 30_000, interval: 250 },
      );
      await setLabel(null);
      await vi.waitFor(
        async () => {
          const node = await readNode();
          expect(node.status?.conditions?.find((condition) => condition.type === 'Ready')?.status).toBe(
            'True',
          );
          expect(node.spec?.taints ?? []).toEqual([]);
        },
        { timeout: 30_000, interval: 250 },
      );
    } finally {
      await kubeRequest(access, 'DELETE', `/api/v1/nodes/${name}`);
    }
  });
});
