import { constants } from 'node:os';
import { describeError } from '../kit/describe-error';
import type { Logger } from '../logging/logger';

type SignalListener = (...args: unknown[]) => void;

/** What the signal handler needs from the task registry (passed in to keep the two modules acyclic). */
export interface SignalHandlerHooks {
  /** Asks every task to stop and resolves once all have finished, roll-backs included. */
  terminateAll(logger: Logger): Promise<void>;
  hasTasks(): boolean;
  runningTaskNames(): string[];
  /** Where the handler's own lines go: the logger of the oldest running task. */
  logger(): Logger;
}

/** Kept in the process-wide registry, so that two copies of core install one set of listeners. */
export interface SignalHandlerState {
  installed: boolean;
  listener: ((signal: NodeJS.Signals) => void) | undefined;
  /** Listeners the application had installed before ours, taken off while ours is installed. */
  previous: Map<NodeJS.Signals, SignalListener[]>;
  /** The signal whose shutdown is in progress. */
  handling: NodeJS.Signals | undefined;
  /** Signals received since the shutdown in progress began, the first included. */
  received: number;
  /** Told of every signal the handlers receive, before the handlers act on it. */
  observers: Set<SignalObserver>;
  /** Roll-backs that can give up (see `rollback-deadline.ts`), told on the third signal of a shutdown. */
  abandonable: Set<(signal: NodeJS.Signals) => void>;
  /** The third signal of the shutdown in progress: roll-backs that start afterwards give up at once. */
  abandonedBy: NodeJS.Signals | undefined;
}

/** `count`: 1 for the signal that starts a shutdown, 2, 3, … for those that arrive while it runs. */
export type SignalObserver = (signal: NodeJS.Signals, count: number) => void;

export function createSignalHandlerState(): SignalHandlerState {
  return {
    installed: false,
    listener: undefined,
    previous: new Map(),
    handling: undefined,
    received: 0,
    observers: new Set(),
    abandonable: new Set(),
    abandonedBy: undefined,
  };
}

/** SIGINT, SIGTERM and SIGQUIT, as in the Python tool; Windows has no SIGQUIT to listen to. */
function handledSignals(): NodeJS.Signals[] {
  return process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGQUIT'];
}

/**
 * Takes over SIGINT, SIGTERM and SIGQUIT while tasks run. The application's own listeners are taken
 * off (and remembered) rather than left in place, because they must run only after every roll-back
 * finished: an experiment runner's handler that exits at once would otherwise cut roll-backs short.
 */
export function installSignalHandlers(state: SignalHandlerState, hooks: SignalHandlerHooks): void {
  if (state.installed) {
    return;
  }
  const listener = (signal: NodeJS.Signals) => {
    handleSignal(state, hooks, signal).catch((error: unknown) => {
      hooks.logger().error(`Signal handler failed: ${describeError(error)}`);
    });
  };
  for (const signal of handledSignals()) {
    const previous = process.rawListeners(signal) as SignalListener[];
    // Ours goes on first: with no listener at all for a moment, Node would restore the default
    // action and a signal arriving right then would kill the process without roll-back.
    process.on(signal, listener);
    for (const other of previous) {
      process.removeListener(signal, other);
    }
    state.previous.set(signal, previous);
  }
  state.listener = listener;
  state.installed = true;
  hooks
    .logger()
    .debug(
      'Installing signal handlers to terminate all active background threads on involuntary signals (note that SIGKILL cannot be handled).',
    );
}

/** Removes our listeners and puts the application's back in their original order. */
export function uninstallSignalHandlers(state: SignalHandlerState): void {
  const listener = state.listener;
  if (!state.installed || listener === undefined) {
    return;
  }
  for (const [signal, previous] of state.previous) {
    for (const other of [...previous].reverse()) {
      process.prependListener(signal, other);
    }
    process.removeListener(signal, listener);
  }
  state.previous.clear();
  state.listener = undefined;
  state.installed = false;
}

async function handleSignal(
  state: SignalHandlerState,
  hooks: SignalHandlerHooks,
  signal: NodeJS.Signals,
): Promise<void> {
  const logger = hooks.logger();
  state.received = state.handling === undefined ? 1 : state.received + 1;
  // Before anything else: an application learns of the signal now, not once every roll-back is over.
  for (const observer of [...state.observers]) {
    try {
      observer(signal, state.received);
    } catch (error) {
      logger.error(`Signal observer failed: ${describeError(error)}`);
    }
  }
  if (state.handling !== undefined) {
    duringShutdown(state, hooks, signal);
    return;
  }
  state.handling = signal;
  logger.info(`Signal handler invoked (${signal}). Aborting now.`);
  try {
    // Tasks started while the first round ran (a roll-back launched from a catch block) are caught too.
    do {
      await hooks.terminateAll(logger);
    } while (hooks.hasTasks());
  } catch (error) {
    logger.error(`Shutdown failed: ${describeError(error)}`);
  } finally {
    state.handling = undefined;
    state.received = 0;
    state.abandonedBy = undefined;
  }
  letSignalTakeItsCourse(state, signal);
}

/**
 * A second signal says how to give up; the third abandons the roll-backs still waiting: they stop
 * retrying and report what is left, which stays pending in the ledger for `chaosgarden rollback`.
 */
function duringShutdown(state: SignalHandlerState, hooks: SignalHandlerHooks, signal: NodeJS.Signals): void {
  const logger = hooks.logger();
  const names = hooks.runningTaskNames().map((name) => `'${name}'`);
  logger.info(
    `Signal handler invoked (${signal}) during shutdown. Still waiting for these background threads to end: [${names.join(', ')}].`,
  );
  const sigkill = `kill -KILL ${process.pid}`;
  if (state.received === 2) {
    logger.warn(
      `A third signal abandons the roll-backs still waiting: they stop retrying and name what is still changed, which \`chaosgarden rollback\` then finishes from the roll-back ledger (a roll-back that cannot give up ends only with ${sigkill}).`,
    );
    return;
  }
  state.abandonedBy ??= signal;
  const abandonable = [...state.abandonable];
  logger.warn(
    `Abandoning ${abandonable.length} roll-back(s) still waiting (signal ${state.received}); what they did not undo stays pending in the roll-back ledger.` +
      (abandonable.length === 0 ? ` Nothing here can give up: ${sigkill} ends the process.` : ''),
  );
  for (const abandon of abandonable) {
    abandon(signal);
  }
}

/**
 * Hands the signal on: to the listeners the application had installed before ours, or, when there
 * were none, to the default action by raising it again, so the process ends exactly as the signal
 * would have ended it (exit status, parent's view) without library code calling `process.exit`.
 */
function letSignalTakeItsCourse(state: SignalHandlerState, signal: NodeJS.Signals): void {
  const previous = state.previous.get(signal) ?? [];
  uninstallSignalHandlers(state);
  if (previous.length > 0) {
    for (const listener of previous) {
      try {
        listener.call(process, signal, constants.signals[signal]);
      } catch (error) {
        // A listener called by Node that throws ends up as an uncaught exception; keep it that way.
        process.nextTick(() => {
          throw error;
        });
      }
    }
    return;
  }
  // A listener added while tasks ran has already seen this signal and decides on its own.
  if (process.listenerCount(signal) === 0) {
    process.kill(process.pid, signal);
  }
}
