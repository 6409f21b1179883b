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
export type { RunSimulationOptions } from './run-simulation';
export { runSimulation } from './run-simulation';
export type { TaskInfo, TaskKind } from './task-record';
export { listTasks, terminateAllTasks } from './task-registry';
export type { TerminationReason } from './termination-reason';
export type { Terminator, TerminatorOptions } from './terminator';
export { createTerminator } from './terminator';
