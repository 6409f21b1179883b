import type { KubeObject } from '../informers/watch-events';
import type { PodMatch } from '../pods/pod-selection';
import { zoneLabel } from '../pods/pod-selection';
import { ageOf } from './compact-age';

/** A node as the key-resources listing shows it. */
export interface KeyNode {
  name: string;
  /** `Ready`, `NotReady`, the raw condition status (`Unknown`) or `N/A`. */
  status: string;
  zone: string | undefined;
  createdAt: string | undefined;
  /** Compact age (`3d4h`). */
  age: string;
}

/** A matching pod as the key-resources listing shows it. */
export interface KeyPod {
  namespace: string;
  name: string;
  /** `Ready`, `NotReady`, the raw condition status or `N/A`. */
  ready: string;
  /** `Running`, `Pending`, ... or `N/A`. */
  phase: string;
  /** The node's zone label (the Python tool copied it onto the pod). */
  zone: string | undefined;
  node: string | undefined;
  createdAt: string | undefined;
  age: string;
}

/** A matching lease as the key-resources listing shows it. */
export interface KeyLease {
  namespace: string;
  name: string;
  holder: string | undefined;
  acquireTime: string | undefined;
  renewTime: string | undefined;
  /** Compact time since `acquireTime` / `renewTime`, `N/A` when unset. */
  acquiredAgo: string;
  renewedAgo: string;
  createdAt: string | undefined;
  age: string;
}

type Conditions = { type?: string; status?: string }[] | undefined;

function readiness(conditions: Conditions): string {
  const ready = (conditions ?? []).find((condition) => condition.type === 'Ready');
  if (ready === undefined) return 'N/A';
  return ready.status === 'True' ? 'Ready' : ready.status === 'False' ? 'NotReady' : String(ready.status);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function keyNode(node: KubeObject, nowMs: number): KeyNode {
  const status = node.status as { conditions?: Conditions } | undefined;
  const labels = (node.metadata?.labels ?? {}) as Record<string, string>;
  return {
    name: String(node.metadata?.name),
    status: readiness(status?.conditions),
    zone: text(labels[zoneLabel]),
    createdAt: text(node.metadata?.creationTimestamp),
    age: ageOf(node.metadata?.creationTimestamp, nowMs) ?? 'N/A',
  };
}

export function keyPod(match: PodMatch, nowMs: number): KeyPod {
  const { pod } = match;
  const status = pod.status as { conditions?: Conditions; phase?: string } | undefined;
  return {
    namespace: String(pod.metadata?.namespace),
    name: String(pod.metadata?.name),
    ready: readiness(status?.conditions),
    phase: text(status?.phase) ?? 'N/A',
    zone: match.zone,
    node: match.nodeName,
    createdAt: text(pod.metadata?.creationTimestamp),
    age: ageOf(pod.metadata?.creationTimestamp, nowMs) ?? 'N/A',
  };
}

export function keyLease(lease: KubeObject, nowMs: number): KeyLease {
  const spec = (lease.spec ?? {}) as Record<string, unknown>;
  return {
    namespace: String(lease.metadata?.namespace),
    name: String(lease.metadata?.name),
    holder: text(spec.holderIdentity),
    acquireTime: text(spec.acquireTime),
    renewTime: text(spec.renewTime),
    acquiredAgo: ageOf(spec.acquireTime, nowMs) ?? 'N/A',
    renewedAgo: ageOf(spec.renewTime, nowMs) ?? 'N/A',
    createdAt: text(lease.metadata?.creationTimestamp),
    age: ageOf(lease.metadata?.creationTimestamp, nowMs) ?? 'N/A',
  };
}
