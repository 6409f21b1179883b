import { createMemoryLedger } from '../../ledger/memory-ledger';
import { createMemoryLogger } from '../../logging/memory-logger';
import type { ComputeFailureMode } from '../../provider/v1/options';
import { createLifetimeScheduler } from '../../tasks/lifetime-scheduler';
import type { ComputeLoopHooks, ComputeLoopStep } from './compute-loop-types';

/** A compute loop step over in-memory hooks, ledger and logger, with a clock the test moves. */
export function testStep(options: {
  mode?: ComputeFailureMode;
  hooks?: Partial<ComputeLoopHooks>;
  nowMs?: number;
  lifetimeSeconds?: number;
}) {
  const clock = { nowMs: options.nowMs ?? Date.parse('2026-01-01T00:00:00Z') };
  const logger = createMemoryLogger();
  const ledger = createMemoryLedger();
  const lifetime = options.lifetimeSeconds ?? 0;
  const step: ComputeLoopStep = {
    hooks: {
      list: async () => [],
      terminate: async () => {},
      restart: async () => {},
      ...options.hooks,
    },
    recorder: { provider: 'example', zone: 'zone-a', ledger, changed: false },
    logger,
    mode: options.mode ?? 'terminate',
    nouns: { kind: 'instance', one: 'instance', many: 'instances', groupDetail: 'lifecycle' },
    scheduler: createLifetimeScheduler({ minRuntime: lifetime, maxRuntime: lifetime }),
    now: () => clock.nowMs,
    failedRetrySeconds: 1,
    callConcurrency: 2,
  };
  return { step, clock, logger, ledger };
}
