import type { Logger } from '../../logging/logger';
import type { SimulationEnd } from '../../provider/v1/results';
import type { TerminationReason } from '../../tasks/termination-reason';
import { createTerminator } from '../../tasks/terminator';

/** The Python tool's network loop period. */
const waitPeriodMs = 1000;

export interface WaitUntilTerminatedOptions {
  /** Whole seconds, as parsed: `0` one pass, `> 0` until time is up, `< 0` until stopped. */
  durationSeconds: number;
  /** Named in the terminator's log lines: `runNetworkFailureSimulation`. */
  who: string;
  logger: Logger;
  signal: AbortSignal;
  /** Run after each sleep (the drift guard, the lease renewal): a reason ends the wait. */
  check?: () => Promise<TerminationReason | undefined>;
}

/**
 * Waits, one check per second, until the terminator ends (duration, abort or signal), or until `check`
 * gives a reason to end.
 */
export async function waitUntilTerminated(options: WaitUntilTerminatedOptions): Promise<SimulationEnd> {
  const { check } = options;
  const terminator = createTerminator({
    duration: options.durationSeconds,
    who: options.who,
    logger: options.logger,
    signal: options.signal,
  });
  while (!terminator.isTerminated()) {
    await terminator.sleep(waitPeriodMs);
    const stop = check === undefined || terminator.signal.aborted ? undefined : await check();
    if (stop !== undefined) {
      return { reason: stop, netDurationSeconds: terminator.netDurationSeconds };
    }
  }
  return {
    reason: terminator.reason ?? 'termination-requested',
    netDurationSeconds: terminator.netDurationSeconds,
  };
}
