import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { validateMode } from './validate-mode';

describe('validateMode', () => {
  it('returns a supported mode', () => {
    expect(validateMode('restart', ['terminate', 'restart'])).toBe('restart');
  });

  it('lists the supported modes in Python list notation', () => {
    expect(() => validateMode('reboot', ['terminate', 'restart'])).toThrow(
      "Mode reboot unsupported (supported modes are ['terminate', 'restart'])! Pass one of them exactly.",
    );
  });

  it('is case-sensitive and points at the intended mode', () => {
    expect(() => validateMode('Total', ['total', 'ingress', 'egress'])).toThrow(
      "Mode Total unsupported (supported modes are ['total', 'ingress', 'egress'])! Did you mean 'total'? " +
        'Modes are case-sensitive.',
    );
  });

  it.each([[undefined], [null], [1]])('rejects the non-string %j with argument mode', (mode) => {
    try {
      validateMode(mode, ['total']);
      expect.unreachable('validateMode should have thrown');
    } catch (error) {
      expect(InvalidArgumentError.isInstance(error) && error.argument).toBe('mode');
    }
  });
});
