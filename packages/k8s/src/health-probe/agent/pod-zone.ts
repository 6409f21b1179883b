import { type AgentApi, expectStatus } from './agent-api';

interface PodObject {
  spec?: { nodeName?: string };
  status?: { containerStatuses?: { restartCount?: number }[] };
}

/** The agent's pod: its node and the restart count of its first container. */
export async function readOwnPod(api: AgentApi, namespace: string, name: string) {
  const answer = expectStatus(
    await api.call('GET', `/api/v1/namespaces/${namespace}/pods/${name}`),
    `get pod ${namespace}/${name}`,
    200,
  );
  const pod = answer.body as PodObject;
  return {
    nodeName: pod.spec?.nodeName,
    restartCount: pod.status?.containerStatuses?.[0]?.restartCount ?? 0,
  };
}

/** The `topology.kubernetes.io/zone` label of a node. */
export async function zoneOfNode(api: AgentApi, nodeName: string): Promise<string> {
  const answer = expectStatus(
    await api.call('GET', `/api/v1/nodes/${nodeName}`),
    `get node ${nodeName}`,
    200,
  );
  const zone = (answer.body as { metadata?: { labels?: Record<string, string> } }).metadata?.labels?.[
    'topology.kubernetes.io/zone'
  ];
  if (!zone) throw new Error(`Node ${nodeName} has no topology.kubernetes.io/zone label`);
  return zone;
}
