import { type Logger, type OrderedJsonValue, type RollbackLedger, toPlainJson } from '@chaosgarden/core';
import type { ActivitySpec } from '../experiment/experiment-schema';
import type { ActivityRun } from '../journal/journal-types';
import type { TerminalStatus } from './terminal-status';

/** Receives the run's events; the command line turns them into lines (or JSON lines). */
export interface ProgressReporter {
  activityStarted(activity: ActivitySpec, phase: string): void;
  /** Starts the periodic "still running" line of a simulation; returns the function that stops it. */
  simulationStarted(
    activity: ActivitySpec,
    provider: Map<string, OrderedJsonValue>,
    ledger: RollbackLedger,
  ): () => void;
  activityEnded(activity: ActivitySpec, run: ActivityRun): void;
}

export interface ProgressOptions {
  logger: Logger;
  /** Seconds between "still running" lines. Default 10. */
  intervalSeconds?: number;
  /** On a terminal: a status line redrawn every second instead of "still running" lines. Default none. */
  status?: TerminalStatus | undefined;
}

/** Elapsed and remaining seconds of a simulation and the resources its ledger says it changed. */
async function snapshot(ledger: RollbackLedger, started: number, duration: number) {
  const entries = await ledger.entries();
  const changed = new Set(
    entries.filter((entry) => entry.phase === 'done').flatMap((entry) => entry.resources),
  );
  const elapsedSeconds = Math.round((Date.now() - started) / 1000);
  const remainingSeconds = duration > 0 ? Math.max(0, duration - elapsedSeconds) : undefined;
  return {
    elapsedSeconds,
    ...(remainingSeconds === undefined ? {} : { remainingSeconds }),
    remaining: remainingSeconds === undefined ? 'until stopped' : `${remainingSeconds}s remaining`,
    affectedResources: changed.size,
  };
}

/**
 * Progress as log lines: one when an activity starts and ends, and every `intervalSeconds` for a running
 * simulation its elapsed and remaining time and how many resources it changed so far (from its ledger).
 */
export function createProgressReporter(options: ProgressOptions): ProgressReporter {
  const { logger } = options;
  const interval = (options.intervalSeconds ?? 10) * 1000;
  const status = options.status;
  let count = 0;
  return {
    activityStarted(activity, phase) {
      logger.info(`Starting ${activity.type} ${activity.name} (${phase}).`, {
        activity: activity.name,
        phase,
      });
    },
    simulationStarted(activity, provider, ledger) {
      const started = Date.now();
      const args = toPlainJson(provider.get('arguments')) as Record<string, unknown> | undefined;
      const duration = Number(args?.duration ?? 0);
      const key = `${activity.name}#${++count}`;
      const report = async () => {
        const progress = await snapshot(ledger, started, duration);
        const text = `${activity.name}: ${progress.elapsedSeconds}s elapsed, ${progress.remaining}, ${progress.affectedResources} resources changed`;
        if (status !== undefined) {
          status.set(key, text);
          return;
        }
        const { remaining: _text, ...fields } = progress;
        logger.info(`Still running ${text}.`, { activity: activity.name, ...fields });
      };
      const timer = setInterval(() => void report(), status === undefined ? interval : 1000);
      timer.unref();
      return () => {
        clearInterval(timer);
        status?.set(key, undefined);
      };
    },
    activityEnded(activity, run) {
      const line = `Finished ${activity.type} ${activity.name}: ${run.status} after ${run.duration.toFixed(1)}s.`;
      const fields = { activity: activity.name, status: run.status, durationSeconds: run.duration };
      if (run.status === 'failed') logger.error(`${line} ${run.exception?.join(': ') ?? ''}`.trim(), fields);
      else logger.info(line, fields);
    },
  };
}
