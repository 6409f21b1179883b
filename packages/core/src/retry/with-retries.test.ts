import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logging/memory-logger';
import { withRetries } from './with-retries';

const throttled = () => Object.assign(new Error('Rate exceeded.'), { name: 'ThrottlingException' });
const fast = { minDelayMs: 1, maxDelayMs: 5 };

/** An operation that fails with `errors` in turn and then returns `ok`. */
function failing(errors: unknown[]) {
  const attempts: number[] = [];
  const operation = async (attempt: number) => {
    attempts.push(attempt);
    if (attempts.length <= errors.length) {
      throw errors[attempts.length - 1];
    }
    return 'ok';
  };
  return { attempts, operation };
}

describe('withRetries', () => {
  it('retries retryable failures of several shapes and logs each retry as a warning', async () => {
    const logger = createMemoryLogger();
    const { attempts, operation } = failing([
      throttled(),
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      Object.assign(new Error('Service Unavailable'), { name: 'RestError', statusCode: 503 }),
    ]);

    await expect(withRetries(operation, { description: 'CreateNetworkAcl', logger, ...fast })).resolves.toBe(
      'ok',
    );

    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(logger.entries.map((entry) => [entry.level, entry.message])).toEqual([
      [
        'warn',
        expect.stringMatching(
          /^Retrying CreateNetworkAcl after ThrottlingException: Rate exceeded \(attempt 1, next in \d+\.\ds\)\.$/,
        ),
      ],
      [
        'warn',
        expect.stringMatching(/^Retrying CreateNetworkAcl after Error: socket hang up \(attempt 2, next in /),
      ],
      [
        'warn',
        expect.stringMatching(
          /^Retrying CreateNetworkAcl after RestError: Service Unavailable \(attempt 3, /,
        ),
      ],
    ]);
  });

  it('fails at once, with the original error, on a non-retryable error', async () => {
    const logger = createMemoryLogger();
    const notFound = Object.assign(new Error('no such VPC'), {
      name: 'InvalidVpcID.NotFound',
      $metadata: { httpStatusCode: 400 },
    });
    const { attempts, operation } = failing([notFound]);

    await expect(withRetries(operation, { description: 'x', logger, ...fast })).rejects.toBe(notFound);
    expect(attempts).toEqual([1]);
    expect(logger.entries).toEqual([]);
  });

  it('gives up after the configured number of retries with the last error', async () => {
    const errors = Array.from({ length: 10 }, throttled);
    const { attempts, operation } = failing(errors);
    const logger = createMemoryLogger();

    await expect(withRetries(operation, { description: 'x', logger, retries: 2, ...fast })).rejects.toBe(
      errors[2],
    );
    expect(attempts).toEqual([1, 2, 3]);
    expect(logger.entries).toHaveLength(2);
  });

  it('retries five times by default', async () => {
    const { attempts, operation } = failing(Array.from({ length: 10 }, throttled));
    await expect(
      withRetries(operation, { description: 'x', logger: createMemoryLogger(), ...fast }),
    ).rejects.toThrow();
    expect(attempts).toHaveLength(6);
  });

  it('decides by its own policy even for errors p-retry would not retry (TypeError) or non-errors', async () => {
    const networkTypeError = new TypeError('fetch failed', { cause: { code: 'UND_ERR_SOCKET' } });
    const { attempts, operation } = failing([networkTypeError, 'plain string']);
    const isRetryable = (error: unknown) => error === networkTypeError || error === 'plain string';

    await expect(
      withRetries(operation, { description: 'x', logger: createMemoryLogger(), isRetryable, ...fast }),
    ).resolves.toBe('ok');
    expect(attempts).toEqual([1, 2, 3]);

    const plain = failing(['not retried']);
    await expect(
      withRetries(plain.operation, { description: 'x', logger: createMemoryLogger(), ...fast }),
    ).rejects.toBe('not retried');
  });

  it('stops during a back-off when the signal aborts and rejects with its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const { attempts, operation } = failing(Array.from({ length: 10 }, throttled));
    const started = performance.now();
    setTimeout(() => controller.abort(reason), 100);

    await expect(
      withRetries(operation, {
        description: 'x',
        logger: createMemoryLogger(),
        signal: controller.signal,
        minDelayMs: 60_000,
        maxDelayMs: 60_000,
      }),
    ).rejects.toBe(reason);
    expect(attempts).toEqual([1]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('never calls the operation when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { attempts, operation } = failing([]);
    await expect(
      withRetries(operation, { description: 'x', logger: createMemoryLogger(), signal: controller.signal }),
    ).rejects.toThrow();
    expect(attempts).toEqual([]);
  });

  it("waits as long as the server's Retry-After asks when that is longer than the back-off", async () => {
    const logger = createMemoryLogger();
    const busy = Object.assign(new Error('Too Many Requests'), {
      statusCode: 429,
      headers: { 'retry-after-ms': '400' },
    });
    const { operation } = failing([busy]);
    const started = performance.now();

    await withRetries(operation, { description: 'PATCH pod', logger, ...fast });

    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    expect(logger.entries[0]?.message).toMatch(/\(attempt 1, next in 0\.4s\)\.$/);
  });

  it('in roll-back mode keeps retrying beyond the default limit until it succeeds', async () => {
    const { attempts, operation } = failing(Array.from({ length: 12 }, throttled));
    await expect(
      withRetries(operation, {
        description: 'restore association',
        logger: createMemoryLogger(),
        untilAborted: true,
        minDelayMs: 1,
        maxDelayMs: 2,
      }),
    ).resolves.toBe('ok');
    expect(attempts).toHaveLength(13);
  });

  it('in roll-back mode ends when the signal aborts', async () => {
    const controller = new AbortController();
    const operation = async () => {
      throw throttled();
    };
    setTimeout(() => controller.abort(new Error('forced')), 50);
    await expect(
      withRetries(operation, {
        description: 'x',
        logger: createMemoryLogger(),
        untilAborted: true,
        signal: controller.signal,
        ...fast,
      }),
    ).rejects.toThrow('forced');
  });
});
