import { describe, expect, it } from 'vitest';
import { redactSecrets, registerSecret, registerSecrets } from './secret-registry';

describe('secret registry', () => {
  it('replaces every occurrence of a registered secret with ***', () => {
    registerSecret('s3cr3t-registry-a');
    expect(redactSecrets('a s3cr3t-registry-a b s3cr3t-registry-a')).toBe('a *** b ***');
  });

  it('ignores values shorter than 4 characters and non-strings', () => {
    registerSecret('abc');
    registerSecret(12345678);
    expect(redactSecrets('abc 12345678')).toBe('abc 12345678');
  });

  it('registers every string value of a record, nested ones included', () => {
    registerSecrets({
      awsAccessKeyId: 'AKIA-registry-id',
      region: undefined,
      serviceAccountInfo: { private_key: '-----BEGIN registry KEY-----', list: ['registry-in-list'] },
    });
    expect(redactSecrets('AKIA-registry-id / -----BEGIN registry KEY----- / registry-in-list')).toBe(
      '*** / *** / ***',
    );
  });

  it('masks a longer secret whole even when a shorter registered secret is part of it', () => {
    registerSecret('overlap-short');
    registerSecret('overlap-short-and-longer');
    expect(redactSecrets('x overlap-short-and-longer y')).toBe('x *** y');
  });

  it('shares the registry with other copies of core through a global symbol', () => {
    const shared = (globalThis as Record<symbol, unknown>)[Symbol.for('chaosgarden.secrets')];
    expect(shared).toBeInstanceOf(Set);
    (shared as Set<string>).add('added-by-another-copy');
    expect(redactSecrets('token added-by-another-copy')).toBe('token ***');
  });

  it('leaves text without secrets unchanged', () => {
    expect(redactSecrets('Partitioning VPCs in zone eu-west-1a.')).toBe(
      'Partitioning VPCs in zone eu-west-1a.',
    );
  });
});
