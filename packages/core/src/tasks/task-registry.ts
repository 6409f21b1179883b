import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../logging/logger';
import { formatClockTime } from './clock';
import {
  createSignalHandlerState,
  installSignalHandlers,
  type SignalHandlerHooks,
  type SignalHandlerState,
  type SignalObserver,
  uninstallSignalHandlers,
} from './signal-handlers';
import { type TaskInfo, type TaskKind, type TaskRecord, terminationRequest } from './task-record';

/**
 * Process-wide state. Kept on `globalThis` under a `Symbol.for` key so that two installed copies of
 * core (a plugin bundling its own) share one registry, one async context and one set of signal
 * listeners. Created on first use, never on import.
 */
interface RegistryState {
  readonly version: 1;
  readonly tasks: Set<TaskRecord>;
  readonly context: AsyncLocalStorage<TaskRecord>;
  readonly signals: SignalHandlerState;
  /** Number of `terminateAllTasks` calls in progress; tasks started meanwhile start terminated. */
  terminating: number;
  nextId: number;
}

const registryKey = Symbol.for('chaosgarden.tasks');

function registry(): RegistryState {
  const holder = globalThis as unknown as Record<symbol, RegistryState | undefined>;
  let state = holder[registryKey];
  if (state === undefined) {
    state = {
      version: 1,
      tasks: new Set(),
      context: new AsyncLocalStorage(),
      signals: createSignalHandlerState(),
      terminating: 0,
      nextId: 1,
    };
    holder[registryKey] = state;
  }
  return state;
}

const signalHooks: SignalHandlerHooks = {
  terminateAll: (logger) => terminateAllTasks(logger),
  hasTasks: () => registry().tasks.size > 0,
  runningTaskNames: () => [...registry().tasks].map((task) => task.name),
  logger: () => {
    const oldest = registry().tasks.values().next().value;
    return oldest?.logger ?? fallbackLogger;
  },
};

// Only reached if a signal arrives after the last task ended but before our listener was removed,
// which the registry prevents; a no-op keeps that impossible case from throwing.
const fallbackLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface TaskStartOptions {
  name: string;
  kind: TaskKind;
  logger: Logger;
  signal?: AbortSignal | undefined;
}

/**
 * Registers a task and runs `body` inside its async context. The returned promise settles with the
 * body's outcome after the task was unregistered. Signal listeners go in with the first task.
 */
export function runTask<T>(
  options: TaskStartOptions,
  body: (context: { signal: AbortSignal; taskName: string }) => Promise<T>,
): { record: TaskRecord; outcome: Promise<T> } {
  const state = registry();
  const parent = state.context.getStore();
  const controller = new AbortController();
  const linked = [controller.signal, options.signal, parent?.signal].filter(
    (signal): signal is AbortSignal => signal !== undefined,
  );
  const record: TaskRecord = {
    id: state.nextId++,
    name: options.name,
    kind: options.kind,
    parent,
    logger: options.logger,
    controller,
    signal: linked.length === 1 ? controller.signal : AbortSignal.any(linked),
    startedAt: Date.now(),
    settled: Promise.resolve(),
  };
  state.tasks.add(record);
  installSignalHandlers(state.signals, signalHooks);
  if (state.terminating > 0) {
    // Unlike Python's never-reset flag this lasts only while a shutdown runs (see README of tasks).
    controller.abort(terminationRequest(record.name));
  }
  const outcome = (async () => {
    try {
      return await state.context.run(record, () => body({ signal: record.signal, taskName: record.name }));
    } finally {
      unregister(state, record);
    }
  })();
  record.settled = outcome.then(
    () => undefined,
    () => undefined,
  );
  return { record, outcome };
}

function unregister(state: RegistryState, record: TaskRecord): void {
  state.tasks.delete(record);
  // During a signal shutdown the handler removes the listeners itself, after it handed the signal on.
  if (state.tasks.size === 0 && state.signals.handling === undefined) {
    uninstallSignalHandlers(state.signals);
  }
}

/**
 * Calls `observer` for every SIGINT, SIGTERM or SIGQUIT the handlers receive while simulations run, at
 * once, before the roll-backs (an application listener installed before the simulations is called
 * only after them). The observer must not end the process. Returns the function that removes it.
 */
export function observeProcessSignals(observer: SignalObserver): () => void {
  const { observers } = registry().signals;
  observers.add(observer);
  return () => observers.delete(observer);
}

/**
 * Registers a roll-back that gives up on the third signal of a shutdown: `abandon` is called then, or
 * at once if that signal came already. Returns the function that removes it.
 */
export function onThirdSignal(abandon: (signal: NodeJS.Signals) => void): () => void {
  const signals = registry().signals;
  if (signals.abandonedBy !== undefined) {
    abandon(signals.abandonedBy);
    return () => undefined;
  }
  signals.abandonable.add(abandon);
  return () => signals.abandonable.delete(abandon);
}

/** Asks one task to stop: aborts its signal with a `terminated` error as the reason. */
export function requestTermination(record: TaskRecord): void {
  if (!record.controller.signal.aborted) {
    record.controller.abort(terminationRequest(record.name));
  }
}

/** The task whose async context the caller runs in, if any. */
export function currentTask(): TaskRecord | undefined {
  return registry().context.getStore();
}

/** The name of the nearest enclosing background task: what the Python tool called the thread name. */
export function enclosingBackgroundTaskName(record: TaskRecord | undefined): string | undefined {
  for (let task = record; task !== undefined; task = task.parent) {
    if (task.kind === 'background') {
      return task.name;
    }
  }
  return undefined;
}

/** A snapshot of the running tasks (foreground and background), oldest first. */
export function listTasks(): readonly TaskInfo[] {
  return [...registry().tasks].map((task) => ({
    name: task.name,
    kind: task.kind,
    startedAt: task.startedAt,
    terminationRequested: task.signal.aborted,
  }));
}

/**
 * Asks every running task to stop and waits until all have finished, their roll-backs included
 * (no timeout, as in the Python tool). Never rejects because a task failed. Tasks started while it
 * runs start stopped and are waited for too.
 *
 * Difference from Python (spec defect 4): there, the "in termination" flag is never reset, so after
 * one SIGINT every later loop ends at its first check and later background launches do nothing.
 * Here the state lasts only while this call runs: if the process carries on afterwards (an
 * application signal listener decided so), new simulations and background tasks work normally.
 */
export async function terminateAllTasks(logger: Logger): Promise<void> {
  const state = registry();
  state.terminating++;
  try {
    let pending = [...state.tasks];
    logger.info(
      `Looking for still active background threads. Signaling and joining all ${pending.length} active background threads.`,
    );
    while (pending.length > 0) {
      // All at once first, so that they roll back in parallel rather than one after the other.
      for (const task of pending) {
        requestTermination(task);
      }
      for (const task of pending) {
        logger.info(`Waiting for background thread ${task.name} to end.`);
        await task.settled;
      }
      pending = [...state.tasks];
    }
    logger.info(
      `Shutdown completed. All background threads terminated at ${formatClockTime(Date.now())} (main thread must terminate on its own accord).`,
    );
  } finally {
    state.terminating--;
  }
}
