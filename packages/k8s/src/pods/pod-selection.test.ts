import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../informers/watch-events';
import {
  isEmptySelection,
  matchPod,
  type PodSelectorOptions,
  parsePodSelection,
  pinnedNamespace,
} from './pod-selection';

const nodes: Record<string, Record<string, string>> = {
  'node-a': { 'topology.kubernetes.io/zone': 'zone-a', pool: 'cpu' },
  'node-b': { 'topology.kubernetes.io/zone': 'zone-b', pool: 'gpu' },
  'node-unlabelled': {},
};
const nodeLabels = (name: string) => nodes[name];

function pod(
  name: string,
  options: { node?: string; owner?: Record<string, unknown> | null; labels?: object } = {},
): KubeObject {
  return {
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      generateName: 'web-',
      creationTimestamp: '2024-01-01T00:00:00Z',
      ...(options.labels ? { labels: options.labels } : {}),
      ...(options.owner === null
        ? {}
        : {
            ownerReferences: [
              options.owner ?? { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', controller: true },
            ],
          }),
    },
    spec: options.node === undefined ? {} : { nodeName: options.node },
  };
}

const select = (options: PodSelectorOptions, target: KubeObject) =>
  matchPod(target, nodeLabels, parsePodSelection(options));

describe('matchPod', () => {
  it('matches by node labels and reports the node and its zone', () => {
    expect(
      select({ podNodeLabelSelector: 'topology.kubernetes.io/zone=zone-a' }, pod('p', { node: 'node-a' })),
    ).toMatchObject({
      nodeName: 'node-a',
      zone: 'zone-a',
    });
    expect(
      select({ podNodeLabelSelector: 'topology.kubernetes.io/zone=zone-a' }, pod('p', { node: 'node-b' })),
    ).toBeUndefined();
    expect(
      select({ podNodeLabelSelector: 'pool!=gpu' }, pod('p', { node: 'node-unlabelled' }))?.zone,
    ).toBeUndefined();
  });

  it('never matches pods without an owner, even without an owner selector (Python tool)', () => {
    expect(
      select({ podNodeLabelSelector: 'pool=cpu' }, pod('bare', { node: 'node-a', owner: null })),
    ).toBeUndefined();
    expect(
      select({ podOwnerSelector: 'kind!=DaemonSet' }, pod('bare', { node: 'node-a', owner: null })),
    ).toBeUndefined();
  });

  it('never matches unscheduled pods or pods on unknown nodes', () => {
    expect(select({ podOwnerSelector: 'kind=ReplicaSet' }, pod('pending'))).toBeUndefined();
    expect(
      select({ podOwnerSelector: 'kind=ReplicaSet' }, pod('lost', { node: 'node-gone' })),
    ).toBeUndefined();
  });

  it('matches the first owner reference only', () => {
    const target = pod('p', { node: 'node-a' });
    (target.metadata as { ownerReferences: object[] }).ownerReferences.push({ kind: 'DaemonSet', name: 'x' });
    expect(select({ podOwnerSelector: 'kind=DaemonSet' }, target)).toBeUndefined();
    expect(select({ podOwnerSelector: 'kind=ReplicaSet,name=~web' }, target)).toBeDefined();
  });

  it('matches metadata fields, with creationTimestamp not text (Python) unless strict', () => {
    const target = pod('web-abc', { node: 'node-a' });
    expect(select({ podMetadataSelector: 'generateName=web-,name=~web-a' }, target)).toBeDefined();
    expect(select({ podMetadataSelector: 'creationTimestamp=~2024' }, target)).toBeUndefined();
    expect(
      select({ podMetadataSelector: 'creationTimestamp=~2024.*', strictSelectors: true }, target),
    ).toBeDefined();
  });

  it('does not let pod labels that look like metadata fields change anything', () => {
    expect(
      select({ podMetadataSelector: 'name=x' }, pod('y', { node: 'node-a', labels: { name: 'x' } })),
    ).toBeUndefined();
  });
});

describe('pod selection options', () => {
  it('pins the namespace only for exactly one namespace== requirement', () => {
    const pin = (selector: string) =>
      pinnedNamespace(parsePodSelection({ podMetadataSelector: selector }).metadataSelector);
    expect(pin('namespace=kube-system,name=~x')).toBe('kube-system');
    expect(pin('namespace==a')).toBe('a');
    expect(pin('namespace=a,namespace=b')).toBeUndefined();
    expect(pin('namespace=~kube')).toBeUndefined();
    expect(pin('namespace!=a')).toBeUndefined();
  });

  it('passes the label selector on as text and treats blank as none', () => {
    expect(parsePodSelection({ podLabelSelector: ['app in (a,b)', 'tier!=db'] }).labelSelector).toBe(
      'app in (a,b),tier!=db',
    );
    expect(parsePodSelection({ podLabelSelector: '  ' }).labelSelector).toBeUndefined();
  });

  it('knows when nothing restricts the selection', () => {
    expect(isEmptySelection(parsePodSelection({}))).toBe(true);
    expect(isEmptySelection(parsePodSelection({ podLabelSelector: 'app=x' }))).toBe(false);
    expect(isEmptySelection(parsePodSelection({ podOwnerSelector: 'kind!=DaemonSet' }))).toBe(false);
  });
});
