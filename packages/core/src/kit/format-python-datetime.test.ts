import { describe, expect, it } from 'vitest';
import { formatPythonDatetime } from './format-python-datetime';

describe('formatPythonDatetime', () => {
  it('prints whole seconds like str() of an aware UTC datetime', () => {
    expect(formatPythonDatetime(Date.UTC(2024, 4, 1, 10, 0, 5))).toBe('2024-05-01 10:00:05+00:00');
  });

  it('adds microseconds only when the time has a fraction', () => {
    expect(formatPythonDatetime(Date.UTC(2024, 0, 2, 3, 4, 5, 67))).toBe('2024-01-02 03:04:05.067000+00:00');
  });
});
