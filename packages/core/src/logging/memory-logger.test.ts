import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from './memory-logger';
import { noopLogger } from './noop-logger';
import { registerSecret } from './secret-registry';

describe('createMemoryLogger', () => {
  it('records every level with message and fields, in order', () => {
    const logger = createMemoryLogger();
    logger.debug('one');
    logger.info('two', { zone: 'z' });
    logger.warn('three');
    logger.error('four');
    expect(logger.entries).toEqual([
      { level: 'debug', message: 'one', fields: {} },
      { level: 'info', message: 'two', fields: { zone: 'z' } },
      { level: 'warn', message: 'three', fields: {} },
      { level: 'error', message: 'four', fields: {} },
    ]);
  });

  it('renders the entries as the human lines the default logger prints', () => {
    const logger = createMemoryLogger();
    logger.info('Launching background thread x.');
    logger.warn('Careful.', { count: 2 });
    expect(logger.lines()).toEqual(['[Info] Launching background thread x.', '[Warning] Careful. count=2']);
  });

  it('redacts like the default logger', () => {
    registerSecret('memory-logger-secret');
    const logger = createMemoryLogger();
    logger.info('uses memory-logger-secret', { password: 'p', note: 'memory-logger-secret' });
    expect(logger.entries[0]).toEqual({
      level: 'info',
      message: 'uses ***',
      fields: { password: '***', note: '***' },
    });
  });

  it('forgets entries on clear', () => {
    const logger = createMemoryLogger();
    logger.info('x');
    logger.clear();
    expect(logger.entries).toHaveLength(0);
    expect(logger.lines()).toEqual([]);
  });
});

describe('noopLogger', () => {
  it('accepts every level and cannot be modified', () => {
    expect(() => noopLogger.info('x', { a: 1 })).not.toThrow();
    expect(Object.isFrozen(noopLogger)).toBe(true);
  });
});
