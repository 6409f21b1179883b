import { describe, expect, it } from 'vitest';
import { formatPythonDatetime } from './python-datetime';

describe('formatPythonDatetime', () => {
  it('prints an aware UTC datetime as Python str() does', () => {
    expect(formatPythonDatetime(Date.parse('2024-05-01T10:00:03Z'))).toBe('2024-05-01 10:00:03+00:00');
    expect(formatPythonDatetime(Date.parse('2024-05-01T10:00:03.250Z'))).toBe(
      '2024-05-01 10:00:03.250000+00:00',
    );
  });
});
