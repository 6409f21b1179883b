import { type KubeAccess, kubeRequest } from './kube-api';
import { kwokNodeAnnotation } from './kwok';
import { type ProcessRecord, waitFor } from './processes';

/** A fake node for kwok to act as the kubelet of. */
export interface KwokNodeSpec {
  readonly name: string;
  /** `topology.kubernetes.io/zone`. */
  readonly zone: string;
  /** `topology.kubernetes.io/region`. */
  readonly region: string;
  /** Extra labels. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Node-internal IP reported in `status.addresses`. */
  readonly internalIp?: string;
}

interface NodeCondition {
  readonly type: string;
  readonly status: string;
}

interface NodeObject {
  readonly metadata: { readonly name: string };
  readonly status?: { readonly conditions?: readonly NodeCondition[] };
}

/** The nodes `sandbox up` creates: one per zone of `region` (`<region>a`, `b`, `c`). */
export function defaultKwokNodes(region: string): KwokNodeSpec[] {
  return ['a', 'b', 'c'].map((suffix, index) => ({
    name: `kwok-node-${region}${suffix}`,
    zone: `${region}${suffix}`,
    region,
    internalIp: `10.0.${index + 1}.1`,
  }));
}

function nodeManifest(spec: KwokNodeSpec) {
  const resources = { cpu: '32', memory: '256Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      annotations: {
        [kwokNodeAnnotation.key]: kwokNodeAnnotation.value,
        'node.alpha.kubernetes.io/ttl': '0',
      },
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/os': 'linux',
        'kubernetes.io/hostname': spec.name,
        'node-role.kubernetes.io/worker': '',
        'topology.kubernetes.io/region': spec.region,
        'topology.kubernetes.io/zone': spec.zone,
        type: 'kwok',
        ...spec.labels,
      },
    },
    spec: {},
    status: {
      allocatable: resources,
      capacity: resources,
      addresses: spec.internalIp ? [{ type: 'InternalIP', address: spec.internalIp }] : [],
      nodeInfo: { architecture: 'amd64', operatingSystem: 'linux' },
    },
  };
}

/**
 * Creates fake nodes (an existing node of the same name is kept) and waits until kwok reports them Ready.
 * Needs a running sandbox: pass `{ server, caPem, token }` from the connection details.
 */
export async function createKwokNodes(
  access: KubeAccess,
  nodes: readonly KwokNodeSpec[],
  options: { timeoutMs?: number; kwokProcess?: ProcessRecord } = {},
): Promise<void> {
  for (const node of nodes) {
    const response = await kubeRequest(access, 'POST', '/api/v1/nodes', { body: nodeManifest(node) });
    if (response.status !== 201 && response.status !== 409) {
      throw new Error(`Creating node ${node.name}: ${response.status} ${response.text.slice(0, 500)}`);
    }
  }
  await waitFor(
    async () => {
      for (const node of nodes) {
        const response = await kubeRequest<NodeObject>(access, 'GET', `/api/v1/nodes/${node.name}`);
        const ready = response.body.status?.conditions?.find((condition) => condition.type === 'Ready');
        if (ready?.status !== 'True') return undefined;
      }
      return true;
    },
    {
      what: `kwok to report nodes ${nodes.map((node) => node.name).join(', ')} Ready`,
      timeoutMs: options.timeoutMs ?? 60_000,
      process: options.kwokProcess,
    },
  );
}
