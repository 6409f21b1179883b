import { describe, expect, it } from 'vitest';
import { CloudApiError } from '../../errors/cloud-api-error';
import { createMemoryLedger } from '../../ledger/memory-ledger';
import { createMemoryLogger } from '../../logging/memory-logger';
import type { ComputeLoopHooks, ComputeMachine } from './compute-loop-types';
import { type RunComputeLoopOptions, runComputeLoop } from './run-compute-loop';

const launchedMs = Date.parse('2025-12-31T00:00:00Z');

function loopOptions(hooks: ComputeLoopHooks, overrides: Partial<RunComputeLoopOptions> = {}) {
  const logger = createMemoryLogger();
  const ledger = createMemoryLedger();
  const options: RunComputeLoopOptions = {
    hooks,
    recorder: { provider: 'example', zone: 'zone-a', ledger, changed: false },
    mode: 'terminate',
    duration: 0,
    minRuntime: 0,
    maxRuntime: 0,
    nouns: { kind: 'instance', one: 'instance', many: 'instances' },
    filterText: "[{'Name': 'tag:role', 'Values': ['worker']}]",
    timing: { terminateBackOffSeconds: 20, restartBackOffSeconds: 20, loopPeriodMs: 0 },
    logger,
    signal: new AbortController().signal,
    ...overrides,
  };
  return { options, logger, ledger };
}

/** A zone whose machines are replaced by new ones as soon as they are terminated. */
function replacingZone(onList: (pass: number) => void = () => {}) {
  let generation = 0;
  let passes = 0;
  const hooks: ComputeLoopHooks = {
    list: async () => {
      onList(passes++);
      return [{ id: `i-${generation}`, launchedMs } satisfies ComputeMachine];
    },
    terminate: async ({ ids, record }) => {
      await record({ action: 'terminate-instances', resources: ids }, async () => {
        generation++;
      });
    },
    restart: async () => {},
  };
  return hooks;
}

describe('runComputeLoop', () => {
  it('makes one pass for duration 0, logs the start line and returns what it hit', async () => {
    const { options, logger, ledger } = loopOptions(replacingZone(), { warnings: ['a setting was ignored'] });
    const result = await runComputeLoop(options);
    expect(result).toMatchObject({ zone: 'zone-a', mode: 'terminate', reason: 'single-invocation' });
    expect(result.affected.map((target) => target.id)).toEqual(['i-0']);
    expect(result.warnings).toEqual(['a setting was ignored']);
    const messages = logger.entries.map((entry) => entry.message);
    expect(messages[0]).toBe('a setting was ignored');
    expect(messages).toContain(
      "Messing up instances matching [{'Name': 'tag:role', 'Values': ['worker']}] in zone zone-a (terminate between 0s and 0s).",
    );
    expect((await ledger.entries()).map((entry) => entry.phase)).toEqual(['intent', 'done']);
  });

  it('hits the replacements on later passes until it is stopped', async () => {
    const controller = new AbortController();
    const hooks = replacingZone((pass) => {
      if (pass === 3) controller.abort();
    });
    const { options } = loopOptions(hooks, { duration: -1, signal: controller.signal });
    const result = await runComputeLoop(options);
    // The pass under way when the stop came finishes (a plugin's calls see the signal themselves).
    expect(result.affected.map((target) => target.id)).toEqual(['i-0', 'i-1', 'i-2', 'i-3']);
    expect(result.reason).toBe('termination-requested');
  });

  it('does not ask for its own machine with allowSelfTarget, and refuses the run without it', async () => {
    const asked: string[] = [];
    const zone = (): ComputeLoopHooks => ({
      ...replacingZone(),
      findSelf: async () => {
        asked.push('asked');
        return 'i-0';
      },
    });
    expect(
      (await runComputeLoop(loopOptions(zone(), { allowSelfTarget: true }).options)).affected,
    ).toHaveLength(1);
    expect(asked).toEqual([]);
    await expect(runComputeLoop(loopOptions(zone()).options)).rejects.toThrow(/runs on instance i-0/);
    expect(asked).toEqual(['asked']);
  });

  it('gives up at once when the first listing fails for good, and goes on after a later failure', async () => {
    const denied = new CloudApiError({
      operation: 'DescribeInstances',
      cause: new Error('UnauthorizedOperation'),
    });
    const failing: ComputeLoopHooks = {
      list: async () => Promise.reject(denied),
      terminate: async () => {},
      restart: async () => {},
    };
    await expect(runComputeLoop(loopOptions(failing).options)).rejects.toBe(denied);

    const controller = new AbortController();
    let passes = 0;
    const flaky: ComputeLoopHooks = {
      ...failing,
      list: async () => {
        passes++;
        if (passes === 2) throw denied;
        if (passes === 3) controller.abort();
        return [];
      },
    };
    const { options, logger } = loopOptions(flaky, { duration: -1, signal: controller.signal });
    await runComputeLoop(options);
    expect(passes).toBe(3);
    expect(logger.entries.filter((entry) => entry.level === 'error').map((entry) => entry.message)).toEqual([
      'Instances failed to terminate: CloudApiError: DescribeInstances failed: Error: UnauthorizedOperation.',
    ]);
  });

  it('backs a restarted machine off by the restart time plus one lifetime drawn once per run', async () => {
    const restarted: string[] = [];
    const hooks: ComputeLoopHooks = {
      list: async () => [{ id: 'i-1', launchedMs }],
      terminate: async () => {},
      restart: async ({ ids }) => void restarted.push(...ids),
    };
    const nowMs = Date.parse('2026-01-01T00:00:00Z');
    const { options } = loopOptions(hooks, {
      mode: 'restart',
      minRuntime: 7,
      maxRuntime: 7,
      now: () => nowMs,
    });
    const result = await runComputeLoop(options);
    expect(restarted).toEqual(['i-1']);
    expect(result.affected[0]?.details?.operation).toBe('restart');
  });
});
