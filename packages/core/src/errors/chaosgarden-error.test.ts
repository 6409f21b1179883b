import { describe, expect, it } from 'vitest';
import { registerSecret } from '../logging/secret-registry';
import { ChaosgardenError } from './chaosgarden-error';

describe('ChaosgardenError', () => {
  it('carries a stable code, retryability and cause', () => {
    const cause = new Error('socket hang up');
    const error = new ChaosgardenError('some-code', 'Something failed.', { cause, isRetryable: true });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ChaosgardenError');
    expect(error.code).toBe('some-code');
    expect(error.isRetryable).toBe(true);
    expect(error.cause).toBe(cause);
    expect(new ChaosgardenError('c', 'm').isRetryable).toBe(false);
    expect('cause' in new ChaosgardenError('c', 'm')).toBe(false);
  });

  it('masks a registered secret in its message', () => {
    registerSecret('wJalrXUtnFEMI-error-test');
    const error = new ChaosgardenError('c', 'Request signed with wJalrXUtnFEMI-error-test was rejected.');
    expect(error.message).toBe('Request signed with *** was rejected.');
    expect(String(error)).not.toContain('wJalrXUtnFEMI');
  });

  it('recognises its instances and look-alikes from another copy by the marker, not the prototype', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('chaosgarden.error')]: true, code: 'c' });
    expect(ChaosgardenError.isInstance(new ChaosgardenError('c', 'm'))).toBe(true);
    expect(ChaosgardenError.isInstance(foreign)).toBe(true);
    expect(ChaosgardenError.isInstance(new Error('x'))).toBe(false);
    expect(ChaosgardenError.isInstance(null)).toBe(false);
    expect(ChaosgardenError.isInstance('chaosgarden')).toBe(false);
  });
});
