import { redactSecrets } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { registerKubeconfigCredentials } from './admin-kubeconfig';

describe('registerKubeconfigCredentials', () => {
  it('redacts the token and keys of a YAML kubeconfig, and the whole text', () => {
    const yaml = [
      'users:',
      '- name: admin',
      '  user:',
      '    token: yaml-token-5f2a9c',
      '    client-key-data: "S0VZREFUQTEyMw=="',
      '',
    ].join('\n');
    registerKubeconfigCredentials(yaml);
    expect(redactSecrets('sent yaml-token-5f2a9c and S0VZREFUQTEyMw==')).toBe('sent *** and ***');
    expect(redactSecrets(`kubeconfig ${yaml}`)).toBe('kubeconfig ***');
  });

  it('redacts the credentials of a JSON kubeconfig on one line', () => {
    registerKubeconfigCredentials(
      '{"users":[{"name":"a","user":{"token":"json-token-8e1d"}}],"clusters":[]}',
    );
    expect(redactSecrets('token json-token-8e1d')).toBe('token ***');
  });
});
