import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../logging/memory-logger';
import { startInBackground } from './background-task';
import { runSimulation } from './run-simulation';
import { createTerminator } from './terminator';

/** A clock the test moves by hand; starts at 13:05:09 local time. */
function manualClock() {
  let now = new Date(2024, 0, 1, 13, 5, 9).getTime();
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const messages = (logger: ReturnType<typeof createMemoryLogger>) =>
  logger.entries.map((entry) => entry.message);

afterEach(() => {
  vi.useRealTimers();
});

describe('createTerminator', () => {
  it('with duration 0 lets exactly one pass run and logs the single-invocation line once', () => {
    const logger = createMemoryLogger();
    const clock = manualClock();
    const terminator = createTerminator({ duration: 0, who: 'runComputeFailureSimulation', logger, clock });

    expect(terminator.isTerminated()).toBe(false);
    clock.advance(2_340);
    expect(terminator.isTerminated()).toBe(true);
    expect(terminator.isTerminated()).toBe(true);

    expect(messages(logger)).toEqual([
      'Single invocation performed for runComputeFailureSimulation at 13:05:11 (2.3s net duration). Terminating now.',
    ]);
    expect(terminator.reason).toBe('single-invocation');
    expect(terminator.netDurationSeconds).toBe(2.34);
  });

  it('with a positive duration ends only when now is strictly after start + duration', () => {
    const logger = createMemoryLogger();
    const clock = manualClock();
    const terminator = createTerminator({ duration: 5, who: 'loop', logger, clock });

    expect(terminator.isTerminated()).toBe(false);
    clock.advance(5_000);
    expect(terminator.isTerminated()).toBe(false);
    clock.advance(1);
    expect(terminator.isTerminated()).toBe(true);

    expect(terminator.reason).toBe('time-up');
    expect(messages(logger)).toEqual([
      'Time is up for loop at 13:05:14 (5.0s net duration). Terminating now.',
    ]);
    clock.advance(10_000);
    expect(terminator.netDurationSeconds).toBe(5.001);
  });

  it('with a negative duration runs until termination is requested through the signal', () => {
    const logger = createMemoryLogger();
    const clock = manualClock();
    const controller = new AbortController();
    const terminator = createTerminator({
      duration: -1,
      who: 'loop',
      logger,
      clock,
      signal: controller.signal,
    });

    for (let pass = 0; pass < 5; pass++) {
      clock.advance(1_000_000_000);
      expect(terminator.isTerminated()).toBe(false);
    }
    controller.abort();
    expect(terminator.isTerminated()).toBe(true);
    expect(terminator.reason).toBe('termination-requested');
    expect(messages(logger)).toEqual([
      expect.stringMatching(
        /^Termination requested for loop at \d\d:\d\d:\d\d \(5000000\.0s net duration\)\. Terminating now\.$/,
      ),
    ]);
  });

  it('logs one line per true condition and reports the requested stop as the reason', () => {
    const logger = createMemoryLogger();
    const clock = manualClock();
    const controller = new AbortController();
    const terminator = createTerminator({
      duration: 1,
      who: 'loop',
      logger,
      clock,
      signal: controller.signal,
    });

    clock.advance(1_500);
    controller.abort();
    expect(terminator.isTerminated()).toBe(true);

    expect(messages(logger)).toEqual([
      'Time is up for loop at 13:05:10 (1.5s net duration). Terminating now.',
      'Termination requested for loop at 13:05:10 (1.5s net duration). Terminating now.',
    ]);
    expect(terminator.reason).toBe('termination-requested');
  });

  it('ends at its first check when termination was requested before it, even with duration 0', () => {
    const controller = new AbortController();
    controller.abort();
    const terminator = createTerminator({
      duration: 0,
      who: 'x',
      logger: createMemoryLogger(),
      signal: controller.signal,
    });
    expect(terminator.isTerminated()).toBe(true);
  });

  it('refuses a duration that is not a whole number of seconds', () => {
    expect(() => createTerminator({ duration: 1.5, who: 'x', logger: createMemoryLogger() })).toThrow(
      expect.objectContaining({ code: 'invalid-argument', argument: 'duration' }),
    );
  });

  it('sees the stop request of the background task it runs in and names that task', async () => {
    const logger = createMemoryLogger();
    const passes: number[] = [];
    const task = startInBackground({ name: 'network-worker', logger }, async () => {
      const terminator = createTerminator({ duration: -1, who: 'runNetworkFailureSimulation', logger });
      while (!terminator.isTerminated()) {
        passes.push(passes.length);
        await terminator.sleep(5);
      }
      return terminator.reason;
    });
    await vi.waitFor(() => expect(passes.length).toBeGreaterThan(2));
    await task.terminate();

    await expect(task.join()).resolves.toBe('termination-requested');
    expect(messages(logger)).toContainEqual(
      expect.stringMatching(
        /^Termination requested for network-worker at \d\d:\d\d:\d\d \(\d+\.\ds net duration\)/,
      ),
    );
  });

  it('names the given function inside a foreground simulation and the enclosing background task when nested', async () => {
    const logger = createMemoryLogger();
    await runSimulation({ name: 'foreground', logger }, async () => {
      const terminator = createTerminator({ duration: 0, who: 'runComputeFailureSimulation', logger });
      terminator.isTerminated();
      terminator.isTerminated();
    });
    const task = startInBackground({ name: 'outer-worker', logger }, () =>
      runSimulation({ name: 'inner', logger }, async () => {
        const terminator = createTerminator({ duration: 0, who: 'runComputeFailureSimulation', logger });
        terminator.isTerminated();
        terminator.isTerminated();
      }),
    );
    await task.join();

    const lines = messages(logger).filter((line) => line.startsWith('Single invocation'));
    expect(lines[0]).toMatch(/^Single invocation performed for runComputeFailureSimulation at /);
    expect(lines[1]).toMatch(/^Single invocation performed for outer-worker at /);
  });

  it('wakes a sleeping loop as soon as termination is requested, resolving rather than rejecting', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const terminator = createTerminator({
      duration: -1,
      who: 'x',
      logger: createMemoryLogger(),
      signal: controller.signal,
    });
    let woke = false;
    const sleeping = terminator.sleep(60_000).then(() => {
      woke = true;
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(woke).toBe(false);
    controller.abort();
    await sleeping;
    expect(woke).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('works with vitest fake timers as the clock', async () => {
    vi.useFakeTimers();
    const terminator = createTerminator({ duration: 2, who: 'x', logger: createMemoryLogger() });
    let passes = 0;
    const loop = (async () => {
      while (!terminator.isTerminated()) {
        passes++;
        await terminator.sleep(1_000);
      }
    })();
    await vi.advanceTimersByTimeAsync(10_000);
    await loop;
    // Checks at 0, 1, 2 s are not past the end; the check at 3 s is.
    expect(passes).toBe(3);
    expect(terminator.netDurationSeconds).toBe(3);
  });
});
