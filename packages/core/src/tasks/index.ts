export { abortableSleep } from './abortable-sleep';
export type { BackgroundableOptions } from './background-form';
export { backgroundForm } from './background-form';
export type {
  BackgroundTask,
  BackgroundTaskStatus,
  StartInBackgroundOptions,
  TaskContext,
} from './background-task';
export { startInBackground } from './background-task';
export type { Clock } from './clock';
export { formatClockTime, systemClock } from './clock';
export type { LifetimeScheduler, LifetimeSchedulerOptions, ScheduleResult } from './lifetime-scheduler';
export { createLifetimeScheduler } from './lifetime-scheduler';
export type { RollbackCommandLineOptions } from './rollback-command-line';
export { rollbackCommandLine, shellQuote } from './rollback-command-line';
export type { RollbackAbandonment, RollbackDeadline, RollbackDeadlineOptions } from './rollback-deadline';
export {
  defaultRollbackTimeoutSeconds,
  describeRollbackAbandonment,
  startRollbackDeadline,
  validateRollbackTimeout,
} from './rollback-deadline';
export type { RunSimulationOptions } from './run-simulation';
export { runSimulation } from './run-simulation';
export type { SignalObserver } from './signal-handlers';
export type { TaskInfo, TaskKind } from './task-record';
export { listTasks, observeProcessSignals, terminateAllTasks } from './task-registry';
export type { TerminationReason } from './termination-reason';
export type { Terminator, TerminatorOptions } from './terminator';
export { createTerminator } from './terminator';
