import { describe, expect, it } from 'vitest';
import { formatKeyResources, sortLeases, sortNodes, sortPods } from './format-key-resources';
import type { KeyLease, KeyNode, KeyPod } from './key-resource-rows';

const node = (name: string, zone?: string): KeyNode => ({
  name,
  zone,
  status: 'Ready',
  createdAt: undefined,
  age: '1d',
});
const pod = (namespace: string, name: string, zone?: string): KeyPod => ({
  namespace,
  name,
  zone,
  ready: 'Ready',
  phase: 'Running',
  node: zone ? `node-${zone}` : undefined,
  createdAt: undefined,
  age: '5m',
});

describe('key-resources table', () => {
  it('sorts nodes by zone (N/A as text, as in Python) then name, pods by namespace, generateName, zone, name, leases by namespace and name', () => {
    expect(
      sortNodes([node('b', 'z2'), node('c'), node('a', 'z2'), node('d', 'z1')]).map((n) => n.name),
    ).toEqual(['c', 'd', 'a', 'b']);
    const pods = sortPods([
      { row: pod('ns', 'web-2', 'z2'), generateName: 'web-' },
      { row: pod('ns', 'api-1', 'z1'), generateName: 'api-' },
      { row: pod('ns', 'web-1', 'z1'), generateName: 'web-' },
      { row: pod('a', 'solo'), generateName: undefined },
    ]);
    expect(pods.map((p) => p.name)).toEqual(['solo', 'api-1', 'web-1', 'web-2']);
    const lease = (namespace: string, name: string) => ({ namespace, name }) as KeyLease;
    expect(
      sortLeases([lease('b', 'x'), lease('a', 'y'), lease('a', 'b')]).map((l) => `${l.namespace}/${l.name}`),
    ).toEqual(['a/b', 'a/y', 'b/x']);
  });

  it('prints the Python tool columns (75/21/10, left-aligned) with N/A for what is unknown', () => {
    const lines = formatKeyResources(
      [node('n1')],
      [pod('kube-system', 'etcd-0')],
      [
        {
          namespace: 'kube-system',
          name: 'kube-scheduler',
          holder: 'h1',
          acquireTime: undefined,
          renewTime: undefined,
          acquiredAgo: 'N/A',
          renewedAgo: '2s',
          createdAt: undefined,
          age: '3d4h',
        },
      ],
    );
    expect(lines).toEqual([
      'Nodes:',
      `  ${'NAME'.padEnd(75)} ${'STATUS'.padEnd(21)} ${'CREATED'.padEnd(10)} ZONE`,
      `- ${'n1'.padEnd(75)} ${'Ready'.padEnd(21)} ${'1d'.padEnd(10)} N/A`,
      'Pods:',
      `  ${'NAMESPACE/NAME'.padEnd(75)} ${'STATUS'.padEnd(21)} ${'CREATED'.padEnd(10)} ZONE (NODE)`,
      `- ${'kube-system/etcd-0'.padEnd(75)} ${'Ready (Running)'.padEnd(21)} ${'5m'.padEnd(10)} N/A (N/A)`,
      'Leases:',
      `  ${'NAMESPACE/NAME'.padEnd(75)} ${'ACQUIRED'.padEnd(10)} ${'RENEWED'.padEnd(10)} ${'CREATED'.padEnd(10)} HOLDER`,
      `- ${'kube-system/kube-scheduler'.padEnd(75)} ${'N/A'.padEnd(10)} ${'2s'.padEnd(10)} ${'3d4h'.padEnd(10)} h1`,
    ]);
  });
});
