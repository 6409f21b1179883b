import { ChaosgardenError, CloudApiError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { isGoneError, KubeApiError, kubeApiErrorFromResponse, statusCodeOf } from './k8s-errors';

const forbidden = () => kubeApiErrorFromResponse('delete pod default/web-1', 403, '{"reason":"Forbidden"}');

describe('KubeApiError', () => {
  it('has a stable code of its own, on the class and on instances', () => {
    expect(KubeApiError.code).toBe('kube-api-error');
    expect(forbidden().code).toBe('kube-api-error');
    expect(forbidden().name).toBe('KubeApiError');
  });

  it('isInstance accepts a KubeApiError and refuses any other CloudApiError', () => {
    const other = new CloudApiError({ operation: 'DescribeVpcs', cause: new Error('x'), provider: 'aws' });
    expect(KubeApiError.isInstance(forbidden())).toBe(true);
    expect(KubeApiError.isInstance(other)).toBe(false);
    expect(KubeApiError.isInstance(new ChaosgardenError('kube', 'not an API error'))).toBe(false);
    expect(KubeApiError.isInstance(new Error('plain'))).toBe(false);
  });

  it('is still a CloudApiError and a ChaosgardenError to their isInstance', () => {
    expect(CloudApiError.isInstance(forbidden())).toBe(true);
    expect(ChaosgardenError.isInstance(forbidden())).toBe(true);
  });

  it('is recognised when built by a second copy of the module', async () => {
    // The query string makes Vite load a separate module instance: a different class, same code.
    const specifier = './k8s-errors?second-copy';
    const copy = (await import(/* @vite-ignore */ specifier)) as typeof import('./k8s-errors');
    const foreign = copy.kubeApiErrorFromResponse('list pods', 410, '{"reason":"Expired"}');
    expect(copy.KubeApiError).not.toBe(KubeApiError);
    expect(KubeApiError.isInstance(foreign)).toBe(true);
    expect(isGoneError(foreign)).toBe(true);
    expect(statusCodeOf(foreign)).toBe(410);
  });
});
