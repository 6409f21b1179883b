import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { createLogger } from './create-logger';
import { registerSecret } from './secret-registry';

function recorder(options: Parameters<typeof createLogger>[0] = {}) {
  const lines: string[] = [];
  const logger = createLogger({ env: {}, ...options, write: (line) => lines.push(line) });
  return { logger, lines };
}

const fixedClock = () => new Date('2024-05-06T07:08:09.010Z');

describe('createLogger human format', () => {
  it('prints the Python tool’s level prefixes', () => {
    const { logger, lines } = recorder({ level: 'debug' });
    logger.info('Launching background thread x.');
    logger.warn('Something odd.');
    logger.error('Operation failed: Error: boom');
    logger.debug('Waiting on operation.');
    expect(lines).toEqual([
      '[Info] Launching background thread x.',
      '[Warning] Something odd.',
      '[Error] Operation failed: Error: boom',
      '[Debug] Waiting on operation.',
    ]);
  });

  it('appends fields as key=value, quoting only values that need it', () => {
    const { logger, lines } = recorder();
    logger.info('Blocked subnets.', {
      zone: 'eu-west-1a',
      count: 3,
      dryRun: false,
      note: 'two words',
      ids: ['subnet-1', 'subnet-2'],
      missing: undefined,
      none: null,
    });
    expect(lines).toEqual([
      '[Info] Blocked subnets. zone=eu-west-1a count=3 dryRun=false note="two words" ids=["subnet-1","subnet-2"] none=null',
    ]);
  });

  it('drops lines below the level, info by default', () => {
    const { logger, lines } = recorder();
    logger.debug('hidden');
    logger.info('shown');
    const quiet = recorder({ level: 'error' });
    quiet.logger.warn('hidden');
    quiet.logger.error('shown');
    expect(lines).toEqual(['[Info] shown']);
    expect(quiet.lines).toEqual(['[Error] shown']);
  });
});

describe('createLogger json format', () => {
  it('writes one JSON document with time, level, message and fields', () => {
    const { logger, lines } = recorder({ format: 'json', clock: fixedClock });
    logger.warn('Raised maxRuntime.', { zone: 'z1', big: 10n, error: new TypeError('bad') });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        time: '2024-05-06T07:08:09.010Z',
        level: 'warn',
        message: 'Raised maxRuntime.',
        zone: 'z1',
        big: '10',
        error: { name: 'TypeError', message: 'bad' },
      },
    ]);
  });

  it('does not let fields overwrite time, level or message', () => {
    const { logger, lines } = recorder({ format: 'json', clock: fixedClock });
    logger.info('real', { message: 'fake', level: 'error' });
    const document = JSON.parse(lines[0] ?? '{}');
    expect([document.message, document.level, document['field.message'], document['field.level']]).toEqual([
      'real',
      'info',
      'fake',
      'error',
    ]);
  });
});

describe('createLogger environment defaults', () => {
  it('reads CHAOSGARDEN_LOG_FORMAT and CHAOSGARDEN_LOG_LEVEL', () => {
    const { logger, lines } = recorder({
      env: { CHAOSGARDEN_LOG_FORMAT: 'json', CHAOSGARDEN_LOG_LEVEL: 'warning' },
      clock: fixedClock,
    });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines).toEqual(['{"time":"2024-05-06T07:08:09.010Z","level":"warn","message":"shown"}']);
  });

  it('lets explicit options win over the environment', () => {
    const { logger, lines } = recorder({ env: { CHAOSGARDEN_LOG_FORMAT: 'json' }, format: 'human' });
    logger.info('x');
    expect(lines).toEqual(['[Info] x']);
  });

  it('rejects an unknown value naming the variable instead of guessing', () => {
    expect(() => createLogger({ env: { CHAOSGARDEN_LOG_LEVEL: 'verbose' } })).toThrow(
      "CHAOSGARDEN_LOG_LEVEL must be one of debug, info, warn, error (was 'verbose').",
    );
    expect(() => createLogger({ env: { CHAOSGARDEN_LOG_FORMAT: 'xml' } })).toThrow(InvalidArgumentError);
  });
});

describe('createLogger redaction', () => {
  it('masks registered secrets in the message and in nested string fields', () => {
    registerSecret('hunter2-logger-secret');
    const { logger, lines } = recorder();
    logger.error('Login with hunter2-logger-secret failed', {
      request: { headers: ['x hunter2-logger-secret'], body: 'pw=hunter2-logger-secret' },
    });
    expect(lines).toEqual(['[Error] Login with *** failed request={"headers":["x ***"],"body":"pw=***"}']);
  });

  it('masks values of secret-looking keys at any depth, in both spellings', () => {
    const { logger, lines } = recorder({ format: 'json', clock: fixedClock });
    logger.info('Configuration:', {
      awsRegion: 'eu-west-1',
      secrets: { anything: 'x' },
      nested: { aws_secret_access_key: 'plain', accessKeyId: 'AKIA', client_password: 'pw', apiToken: 42 },
    });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      awsRegion: 'eu-west-1',
      secrets: '***',
      nested: { aws_secret_access_key: '***', accessKeyId: '***', client_password: '***', apiToken: '***' },
    });
  });

  it('masks a secret containing JSON special characters before it is escaped', () => {
    registerSecret('quote"back\\slash-secret');
    const { logger, lines } = recorder({ format: 'json', clock: fixedClock });
    logger.info('value quote"back\\slash-secret', { field: 'quote"back\\slash-secret' });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ message: 'value ***', field: '***' });
  });

  it('prints cycles and Maps without failing', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic.self = cyclic;
    const { logger, lines } = recorder();
    logger.info('Dump.', { cyclic, map: new Map([['k', 1]]) });
    expect(lines).toEqual(['[Info] Dump. cyclic={"name":"a","self":"[Circular]"} map={"k":1}']);
  });
});
