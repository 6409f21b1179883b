import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { encodeHostIdentity, hostIdentity, isThisHost } from './host-identity';

const allowed = /^[a-z0-9_-]{1,63}$/;

describe('encodeHostIdentity', () => {
  it('keeps a short lower-case name as it is', () => {
    expect(encodeHostIdentity('ci-runner_7')).toBe('ci-runner_7');
  });

  it('lower-cases and maps every other character to a hyphen', () => {
    expect(encodeHostIdentity('Build.Host.example.COM')).toBe('build-host-example-com');
    expect(encodeHostIdentity('höst 1')).toBe('h-st-1');
  });

  it('shortens a long value to 63 characters, deterministically, keeping long names with one prefix apart', () => {
    const long = `${'a'.repeat(70)}.one`;
    const other = `${'a'.repeat(70)}.two`;
    const encoded = encodeHostIdentity(long);
    expect(encoded).toHaveLength(63);
    expect(encoded).toMatch(allowed);
    expect(encoded.startsWith('a'.repeat(54))).toBe(true);
    expect(encodeHostIdentity(long)).toBe(encoded);
    expect(encodeHostIdentity(other)).not.toBe(encoded);
    expect(encodeHostIdentity('x'.repeat(63))).toBe('x'.repeat(63));
    expect(encodeHostIdentity('x'.repeat(64))).toHaveLength(63);
  });

  it('never returns an empty identity', () => {
    expect(encodeHostIdentity('')).toBe('unknown-host');
  });
});

describe('hostIdentity', () => {
  it('is CHAOSGARDEN_HOST_ID when set, encoded, and the host name otherwise', () => {
    expect(hostIdentity({ CHAOSGARDEN_HOST_ID: 'Runner A' })).toBe('runner-a');
    expect(hostIdentity({})).toBe(encodeHostIdentity(hostname()));
    expect(hostIdentity({ CHAOSGARDEN_HOST_ID: '  ' })).toBe(encodeHostIdentity(hostname()));
  });
});

describe('isThisHost', () => {
  it('recognises this identity, and the raw host name an older version recorded', () => {
    expect(isThisHost(hostIdentity({}), {})).toBe(true);
    expect(isThisHost(hostname(), {})).toBe(true);
    expect(isThisHost(hostname().slice(0, 64), {})).toBe(true);
    expect(isThisHost('runner-a', { CHAOSGARDEN_HOST_ID: 'Runner A' })).toBe(true);
    expect(isThisHost('Runner A', { CHAOSGARDEN_HOST_ID: 'runner-a' })).toBe(true);
  });

  it('takes another identity, or the host name under another CHAOSGARDEN_HOST_ID, for another machine', () => {
    expect(isThisHost('runner-b', { CHAOSGARDEN_HOST_ID: 'runner-a' })).toBe(false);
    expect(isThisHost(hostname(), { CHAOSGARDEN_HOST_ID: `${hostname()}-other` })).toBe(false);
  });
});
