import { describe, expect, it } from 'vitest';
import { findSelfPod } from './self-pod';

describe('findSelfPod', () => {
  const inCluster = { KUBERNETES_SERVICE_HOST: '10.0.0.1', HOSTNAME: 'runner-7d9f-abcde' };

  it('is the hostname in the service account namespace inside a pod', () => {
    expect(findSelfPod(inCluster, () => 'chaos\n')).toBe('chaos/runner-7d9f-abcde');
  });

  it('prefers the Downward API names', () => {
    expect(findSelfPod({ ...inCluster, POD_NAME: 'runner', POD_NAMESPACE: 'ops' }, () => 'chaos')).toBe(
      'ops/runner',
    );
  });

  it('is undefined outside a pod or without a readable namespace', () => {
    expect(findSelfPod({ HOSTNAME: 'laptop' }, () => 'chaos')).toBeUndefined();
    expect(
      findSelfPod(inCluster, () => {
        throw new Error('ENOENT');
      }),
    ).toBeUndefined();
  });
});
