import { describe, expect, it } from 'vitest';
import { serverUrlOf } from './probe-holder-state';

describe('serverUrlOf', () => {
  it('keeps a plain API server URL as the kubeconfig names it', () => {
    expect(serverUrlOf('https://127.0.0.1:6443')).toBe('https://127.0.0.1:6443');
    expect(serverUrlOf('https://api.example.com/k8s/clusters/c-1')).toBe(
      'https://api.example.com/k8s/clusters/c-1',
    );
  });

  it('drops a user, a password, a query and a fragment, so no credential reaches a report or log line', () => {
    const shown = serverUrlOf('https://admin:s3cret@api.example.com:443/path?token=abc#x');
    expect(shown).toBe('https://api.example.com/path');
    expect(shown).not.toContain('s3cret');
    expect(shown).not.toContain('abc');
  });

  it('says so instead of echoing something that is not a URL', () => {
    expect(serverUrlOf('not a url with secret')).toBe('(unparsable API server URL)');
  });
});
