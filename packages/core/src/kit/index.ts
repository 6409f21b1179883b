export { applyDueMachines } from './compute/apply-due-machines';
export type { DueMachines } from './compute/collect-due-machines';
export { collectDueMachines } from './compute/collect-due-machines';
export type {
  ComputeBatch,
  ComputeLoopHooks,
  ComputeLoopStep,
  ComputeMachine,
  ComputeNouns,
  RecordChange,
} from './compute/compute-loop-types';
export type { ComputeLoopTiming, RunComputeLoopOptions } from './compute/run-compute-loop';
export { runComputeLoop } from './compute/run-compute-loop';
export type { ComputePassOptions } from './compute/run-compute-pass';
export { runComputePass } from './compute/run-compute-pass';
export { describeError } from './describe-error';
export { formatPythonDatetime } from './format-python-datetime';
export { isAbortError, isStopError } from './is-abort-error';
export { mapWithConcurrency, settledValues } from './map-with-concurrency';
export type { ChangeRecorder } from './recorded-change';
export { recordedChange } from './recorded-change';
export { defaultCallConcurrency, settleWithConcurrency } from './settle-with-concurrency';
