import { describe, expect, it } from 'vitest';
import { probeInstallIntent } from './probe-install-intent';

describe('probeInstallIntent', () => {
  const intent = probeInstallIntent('https://api.example.invalid:6443');

  it('names the cluster first, then the namespace, then every other fixed object of the probe', () => {
    expect(intent.resources.slice(0, 2)).toEqual([
      'https://api.example.invalid:6443',
      'namespace/chaos-garden-probe',
    ]);
    expect(intent.resources).toEqual(
      expect.arrayContaining([
        'customresourcedefinition/heartbeats.chaos.gardener.cloud',
        'customresourcedefinition/acknowledgedheartbeats.chaos.gardener.cloud',
        'clusterrole/chaos-garden-probe',
        'clusterrolebinding/chaos-garden-probe',
        'deployment/chaos-garden-probe/probe',
        'mutatingwebhookconfiguration/chaos-garden-probe-webhook',
      ]),
    );
    expect(intent.resources).toHaveLength(14);
  });

  it('says how to undo it with the cluster address only, no credentials', () => {
    expect(intent).toMatchObject({ provider: 'k8s', zone: 'cluster', action: 'install-health-probe' });
    expect(intent.undo).toEqual({
      operation: 'removeProbeResources',
      cluster: 'https://api.example.invalid:6443',
    });
  });
});
