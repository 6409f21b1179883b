import { describe, expect, it } from 'vitest';
import { targetSelectors } from './pod-targets';

const id = 'shoot--dev--web';

describe('targetSelectors', () => {
  it('adds only the zone for the general target', () => {
    expect(targetSelectors('workers', {}, 'us-east-1a', id)).toEqual({
      podNodeLabelSelector: 'topology.kubernetes.io/zone=us-east-1a',
      podLabelSelector: '',
      podMetadataSelector: '',
      podOwnerSelector: '',
    });
  });

  it('appends to the caller selectors with a comma and spares DaemonSets on request', () => {
    const selectors = targetSelectors(
      'workers',
      {
        podNodeLabelSelector: 'worker.gardener.cloud/pool=cpu',
        podLabelSelector: 'app=web',
        podOwnerSelector: 'kind=ReplicaSet',
        ignoreDaemonSets: true,
      },
      'us-east-1b',
      id,
    );
    expect(selectors).toEqual({
      podNodeLabelSelector: 'worker.gardener.cloud/pool=cpu,topology.kubernetes.io/zone=us-east-1b',
      podLabelSelector: 'app=web',
      podMetadataSelector: '',
      podOwnerSelector: 'kind=ReplicaSet,kind!=DaemonSet',
    });
  });

  it('restricts system components to Gardener-managed pods in kube-system', () => {
    expect(targetSelectors('system-components', { podLabelSelector: 'app=dns' }, 'z', id)).toEqual({
      podNodeLabelSelector: 'topology.kubernetes.io/zone=z',
      podLabelSelector: 'app=dns,resources.gardener.cloud/managed-by=gardener',
      podMetadataSelector: 'namespace=kube-system',
      podOwnerSelector: '',
    });
  });

  it('restricts the control plane to its role labels in the technical-id namespace, never DaemonSet pods', () => {
    expect(targetSelectors('control-plane', { podMetadataSelector: 'name=~etcd' }, 'z', id)).toEqual({
      podNodeLabelSelector: 'topology.kubernetes.io/zone=z',
      podLabelSelector: 'gardener.cloud/role in (controlplane,vpa)',
      podMetadataSelector: `name=~etcd,namespace=${id}`,
      podOwnerSelector: 'kind!=DaemonSet',
    });
  });
});
