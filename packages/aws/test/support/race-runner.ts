/**
 * A child process of network-lock-race.test.ts: one "machine" (its own CHAOSGARDEN_HOST_ID, state
 * directory and pid) that runs an open-ended network simulation each time the parent says so, starting
 * it at the given moment, and stops it when told. Talks to the parent over the IPC channel of `fork`.
 */
import { createMemoryLogger } from '@chaosgarden/core';
import { runNetworkFailureSimulation } from '../../src/index';

export type RaceCommand =
  | { type: 'run'; round: number; startAt: number; options: Record<string, unknown> }
  | { type: 'stop'; round: number }
  | { type: 'exit' };

export type RaceReport =
  | { type: 'ready'; pid: number }
  | { type: 'started'; round: number; at: number }
  | {
      type: 'done';
      round: number;
      outcome:
        | { ok: true; blocked: number; reason: string; restored: number; removed: number }
        | { ok: false; name: string; code: string | undefined; message: string };
      log: string[];
    };

const send = (report: RaceReport) => process.send?.(report);
const running = new Map<number, AbortController>();

async function run(command: Extract<RaceCommand, { type: 'run' }>): Promise<void> {
  const controller = new AbortController();
  running.set(command.round, controller);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, command.startAt - Date.now())));
  send({ type: 'started', round: command.round, at: Date.now() });
  const logger = createMemoryLogger();
  let outcome: Extract<RaceReport, { type: 'done' }>['outcome'];
  try {
    const result = await runNetworkFailureSimulation({
      ...(command.options as unknown as Parameters<typeof runNetworkFailureSimulation>[0]),
      duration: -1,
      signal: controller.signal,
      logger,
    });
    outcome = {
      ok: true,
      blocked: result.blocked.length,
      reason: result.reason,
      restored: result.rollback.restored.length,
      removed: result.rollback.removed.length,
    };
  } catch (error) {
    const failure = error as { name?: string; code?: string; message?: string };
    outcome = {
      ok: false,
      name: failure.name ?? 'Error',
      code: failure.code,
      message: String(failure.message),
    };
  }
  running.delete(command.round);
  const log = logger.entries.map((entry) => `${entry.level}: ${entry.message}`);
  send({ type: 'done', round: command.round, outcome, log });
}

process.on('message', (command: RaceCommand) => {
  if (command.type === 'run') void run(command);
  else if (command.type === 'stop') running.get(command.round)?.abort();
  else process.disconnect();
});
send({ type: 'ready', pid: process.pid });
