import type { KeyLease, KeyNode, KeyPod } from './key-resource-rows';

const pad = (value: string, width: number) => value.padEnd(width);
const orNa = (value: string | undefined) => value ?? 'N/A';

function compare(a: readonly string[], b: readonly string[]): number {
  for (let index = 0; index < a.length; index++) {
    const left = a[index] ?? '';
    const right = b[index] ?? '';
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

/** Nodes by (zone, name), as the Python tool sorted them. */
export function sortNodes(nodes: KeyNode[]): KeyNode[] {
  return nodes.sort((a, b) => compare([orNa(a.zone), a.name], [orNa(b.zone), b.name]));
}

/** Pods by (namespace, generateName or name, zone, name). */
export function sortPods(pods: { row: KeyPod; generateName: string | undefined }[]): KeyPod[] {
  const key = ({ row, generateName }: { row: KeyPod; generateName: string | undefined }) => [
    row.namespace,
    generateName ?? row.name,
    orNa(row.zone),
    row.name,
  ];
  return pods.sort((a, b) => compare(key(a), key(b))).map(({ row }) => row);
}

/** Leases by (namespace, name). */
export function sortLeases(leases: KeyLease[]): KeyLease[] {
  return leases.sort((a, b) => compare([a.namespace, a.name], [b.namespace, b.name]));
}

/**
 * The listing the Python tool logged at debug level, one string per line (column widths 75/21/10, left
 * aligned): `Nodes:`, `Pods:` and `Leases:` sections with a header line each.
 */
export function formatKeyResources(nodes: KeyNode[], pods: KeyPod[], leases: KeyLease[]): string[] {
  return [
    'Nodes:',
    `  ${pad('NAME', 75)} ${pad('STATUS', 21)} ${pad('CREATED', 10)} ZONE`,
    ...nodes.map(
      (node) => `- ${pad(node.name, 75)} ${pad(node.status, 21)} ${pad(node.age, 10)} ${orNa(node.zone)}`,
    ),
    'Pods:',
    `  ${pad('NAMESPACE/NAME', 75)} ${pad('STATUS', 21)} ${pad('CREATED', 10)} ZONE (NODE)`,
    ...pods.map(
      (pod) =>
        `- ${pad(`${pod.namespace}/${pod.name}`, 75)} ${pad(`${pod.ready} (${pod.phase})`, 21)} ` +
        `${pad(pod.age, 10)} ${orNa(pod.zone)} (${orNa(pod.node)})`,
    ),
    'Leases:',
    `  ${pad('NAMESPACE/NAME', 75)} ${pad('ACQUIRED', 10)} ${pad('RENEWED', 10)} ${pad('CREATED', 10)} HOLDER`,
    ...leases.map(
      (lease) =>
        `- ${pad(`${lease.namespace}/${lease.name}`, 75)} ${pad(lease.acquiredAgo, 10)} ` +
        `${pad(lease.renewedAgo, 10)} ${pad(lease.age, 10)} ${orNa(lease.holder)}`,
    ),
  ];
}
