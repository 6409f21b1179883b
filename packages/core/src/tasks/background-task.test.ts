import { describe, expect, it } from 'vitest';
import { TerminatedError } from '../errors/terminated-error';
import type { Logger } from '../logging/logger';
import { createMemoryLogger } from '../logging/memory-logger';
import { abortableSleep } from './abortable-sleep';
import { backgroundForm } from './background-form';
import { startInBackground } from './background-task';
import { listTasks } from './task-registry';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A body that loops until asked to stop, then rolls back slowly (like a network simulation). */
function slowRollbackBody(events: string[]) {
  return async ({ signal }: { signal: AbortSignal }) => {
    await abortableSleep(60_000, signal);
    await delay(50);
    events.push('rolled back');
    return 'result';
  };
}

describe('startInBackground', () => {
  it('logs the launch, resolves join with the result and reports success', async () => {
    const logger = createMemoryLogger();
    const task = startInBackground({ name: 'worker', logger }, async () => 42);

    expect(task.name).toBe('worker');
    expect(task.status).toBe('running');
    await expect(task.join()).resolves.toBe(42);
    expect(task.status).toBe('succeeded');
    expect(logger.entries[0]).toMatchObject({
      level: 'info',
      message: 'Launching background thread worker.',
    });
  });

  it('rejects every join with the same error and reports the failure even when nobody joins', async () => {
    const logger = createMemoryLogger();
    const failure = new Error('boom');
    const task = startInBackground({ name: 'failing', logger }, async () => {
      throw failure;
    });

    await expect(task.join()).rejects.toBe(failure);
    await expect(task.join()).rejects.toBe(failure);
    expect(task.status).toBe('failed');
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'Background thread failing failed: Error: boom' }),
    );
  });

  it('terminate waits for the roll-back to finish and the task ends as terminated', async () => {
    const events: string[] = [];
    const task = startInBackground({ name: 'slow', logger: createMemoryLogger() }, slowRollbackBody(events));

    await task.terminate();

    expect(events).toEqual(['rolled back']);
    expect(task.status).toBe('terminated');
    await expect(task.join()).resolves.toBe('result');
  });

  it('terminate never rejects when the body fails while stopping', async () => {
    const task = startInBackground(
      { name: 'fails-on-stop', logger: createMemoryLogger() },
      async ({ signal }) => {
        await abortableSleep(60_000, signal);
        throw new Error('roll-back failed');
      },
    );

    await expect(task.terminate()).resolves.toBeUndefined();
    expect(task.status).toBe('failed');
    await expect(task.join()).rejects.toThrow('roll-back failed');
  });

  it('counts a body that rethrows the termination request as terminated, not failed', async () => {
    const logger = createMemoryLogger();
    const task = startInBackground({ name: 'rethrows', logger }, async ({ signal }) => {
      await abortableSleep(60_000, signal);
      signal.throwIfAborted();
    });
    await task.terminate();

    expect(task.status).toBe('terminated');
    await expect(task.join()).rejects.toSatisfy((error) => TerminatedError.isInstance(error));
    expect(logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it("stops when the caller's signal aborts", async () => {
    const controller = new AbortController();
    const events: string[] = [];
    const task = startInBackground(
      { name: 'linked', logger: createMemoryLogger(), signal: controller.signal },
      slowRollbackBody(events),
    );
    controller.abort();
    await task.join();

    expect(events).toEqual(['rolled back']);
    expect(task.status).toBe('terminated');
  });

  it('is listed while it runs and unregistered once it ended', async () => {
    const task = startInBackground({ name: 'listed', logger: createMemoryLogger() }, slowRollbackBody([]));

    expect(listTasks()).toEqual([
      { name: 'listed', kind: 'background', startedAt: expect.any(Number), terminationRequested: false },
    ]);
    await task.terminate();
    expect(listTasks()).toEqual([]);
  });
});

describe('backgroundForm', () => {
  it('runs the action with the options, a default logger and a signal linked to the caller and to terminate()', async () => {
    const seen: Array<{ zone: string; aborted: boolean; hasLogger: boolean }> = [];
    const action = async (options: { zone: string; signal?: AbortSignal; logger?: Logger }) => {
      await abortableSleep(60_000, options.signal);
      seen.push({
        zone: options.zone,
        aborted: options.signal?.aborted ?? false,
        hasLogger: options.logger !== undefined,
      });
      return `done in ${options.zone}`;
    };
    const runInBackground = backgroundForm('runAction', action);
    const logger = createMemoryLogger();

    const first = runInBackground({ zone: 'a', logger });
    expect(first.name).toBe('runAction');
    await first.terminate();
    await expect(first.join()).resolves.toBe('done in a');

    const controller = new AbortController();
    const second = runInBackground({ zone: 'b', logger, signal: controller.signal });
    controller.abort();
    await second.join();

    expect(seen).toEqual([
      { zone: 'a', aborted: true, hasLogger: true },
      { zone: 'b', aborted: true, hasLogger: true },
    ]);
    expect(
      logger.entries.filter((entry) => entry.message === 'Launching background thread runAction.'),
    ).toHaveLength(2);
  });
});
