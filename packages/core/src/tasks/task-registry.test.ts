import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logging/memory-logger';
import { abortableSleep } from './abortable-sleep';
import { startInBackground } from './background-task';
import { runSimulation } from './run-simulation';
import { listTasks, terminateAllTasks } from './task-registry';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  await terminateAllTasks(createMemoryLogger());
});

describe('terminateAllTasks', () => {
  it('stops every task, waits for each roll-back and logs the Python lines', async () => {
    const logger = createMemoryLogger();
    const rolledBack: string[] = [];
    const body =
      (name: string, rollbackMs: number) =>
      async ({ signal }: { signal: AbortSignal }) => {
        await abortableSleep(60_000, signal);
        await delay(rollbackMs);
        rolledBack.push(name);
      };
    const first = startInBackground({ name: 'first', logger }, body('first', 80));
    const foreground = runSimulation({ name: 'second', logger }, body('second', 20));

    await terminateAllTasks(logger);

    expect(rolledBack.sort()).toEqual(['first', 'second']);
    expect(listTasks()).toEqual([]);
    expect(first.status).toBe('terminated');
    await expect(foreground).resolves.toBeUndefined();
    const infoLines = logger.entries.filter((entry) => entry.level === 'info').map((entry) => entry.message);
    expect(infoLines).toEqual([
      'Launching background thread first.',
      'Looking for still active background threads. Signaling and joining all 2 active background threads.',
      'Waiting for background thread first to end.',
      'Waiting for background thread second to end.',
      expect.stringMatching(
        /^Shutdown completed\. All background threads terminated at \d\d:\d\d:\d\d \(main thread must terminate on its own accord\)\.$/,
      ),
    ]);
  });

  it('also stops tasks started while the shutdown runs, and they start already stopped', async () => {
    const logger = createMemoryLogger();
    let late: ReturnType<typeof startInBackground<boolean>> | undefined;
    startInBackground({ name: 'starter', logger }, async ({ signal }) => {
      await abortableSleep(60_000, signal);
      await delay(10);
      late = startInBackground({ name: 'late', logger }, async ({ signal: lateSignal }) => {
        const abortedAtStart = lateSignal.aborted;
        await abortableSleep(60_000, lateSignal);
        return abortedAtStart;
      });
    });

    await terminateAllTasks(logger);

    expect(listTasks()).toEqual([]);
    await expect(late?.join()).resolves.toBe(true);
  });

  it('keeps no global "in termination" flag: tasks started afterwards run normally (unlike Python)', async () => {
    const logger = createMemoryLogger();
    startInBackground({ name: 'before', logger }, ({ signal }) => abortableSleep(60_000, signal));
    await terminateAllTasks(logger);

    const after = startInBackground({ name: 'after', logger }, async ({ signal }) => {
      await delay(20);
      return signal.aborted;
    });
    await expect(after.join()).resolves.toBe(false);
    expect(after.status).toBe('succeeded');
  });
});

describe('task registry', () => {
  it('lives on globalThis under Symbol.for("chaosgarden.tasks") so that copies of core share it', async () => {
    const task = startInBackground({ name: 'shared', logger: createMemoryLogger() }, ({ signal }) =>
      abortableSleep(60_000, signal),
    );
    const state = (globalThis as unknown as Record<symbol, { tasks: Set<{ name: string }> }>)[
      Symbol.for('chaosgarden.tasks')
    ];
    expect([...(state?.tasks ?? [])].map((record) => record.name)).toEqual(['shared']);
    await task.terminate();
  });

  it('registers a foreground simulation while it runs and settles with its result', async () => {
    const seen: unknown[] = [];
    const result = await runSimulation(
      { name: 'foreground', logger: createMemoryLogger() },
      async (context) => {
        seen.push(
          context.taskName,
          listTasks().map((task) => task.kind),
        );
        return 'value';
      },
    );
    expect(result).toBe('value');
    expect(seen).toEqual(['foreground', ['foreground']]);
    expect(listTasks()).toEqual([]);
  });

  it('stops a simulation nested in a background task when that task is terminated', async () => {
    const logger = createMemoryLogger();
    const task = startInBackground({ name: 'outer', logger }, () =>
      // No signal passed on purpose: the nested task links to its parent through the async context.
      runSimulation({ name: 'inner', logger }, async ({ signal }) => {
        await abortableSleep(60_000, signal);
        return signal.aborted;
      }),
    );
    await delay(10);
    await task.terminate();
    await expect(task.join()).resolves.toBe(true);
  });

  it('installs signal listeners with the first task and removes them with the last', async () => {
    const before = process.listenerCount('SIGINT');
    const logger = createMemoryLogger();
    const first = startInBackground({ name: 'a', logger }, ({ signal }) => abortableSleep(60_000, signal));
    const second = startInBackground({ name: 'b', logger }, ({ signal }) => abortableSleep(60_000, signal));
    expect(process.listenerCount('SIGINT')).toBe(1);
    await first.terminate();
    expect(process.listenerCount('SIGINT')).toBe(1);
    await second.terminate();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it("takes the application's own listeners off while tasks run and puts them back in order afterwards", async () => {
    const own1 = () => {};
    const own2 = () => {};
    process.on('SIGTERM', own1);
    process.once('SIGTERM', own2);
    try {
      const task = startInBackground({ name: 'a', logger: createMemoryLogger() }, ({ signal }) =>
        abortableSleep(60_000, signal),
      );
      expect(process.listeners('SIGTERM')).not.toContain(own1);
      expect(process.listeners('SIGTERM')).not.toContain(own2);
      expect(process.listenerCount('SIGTERM')).toBe(1);
      await task.terminate();
      expect(process.listeners('SIGTERM')).toEqual([own1, own2]);
    } finally {
      process.removeListener('SIGTERM', own1);
      process.removeListener('SIGTERM', own2);
    }
  });
});
