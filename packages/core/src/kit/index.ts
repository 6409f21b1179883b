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
export type { MutableReconcileReport } from './reconcile/empty-reconcile-report';
export { emptyReconcileReport } from './reconcile/empty-reconcile-report';
export { mergeReconcileReport } from './reconcile/merge-reconcile-report';
export type { ReconcileFromLedgersOptions } from './reconcile/reconcile-from-ledgers';
export { reconcileFromLedgers } from './reconcile/reconcile-from-ledgers';
export type { ReconcilePlaceOptions } from './reconcile/reconcile-place';
export { reconcilePlace } from './reconcile/reconcile-place';
export type {
  ArtefactHolderState,
  FoundArtefact,
  ReconcileHooks,
  ReconcileNouns,
  ReconcilePlace,
  ReconcilePlan,
  ReconcileSession,
  ReconcileUndoOutcome,
  ReconcileVerification,
  ReconcileVerifyRequest,
} from './reconcile/reconcile-types';
export type { SettleReconciledRunsOptions } from './reconcile/settle-reconciled-runs';
export { settleReconciledRuns } from './reconcile/settle-reconciled-runs';
export type { HolderSort } from './reconcile/sort-found-by-holder';
export { sortFoundByHolder } from './reconcile/sort-found-by-holder';
export { summarizeReconcileReport } from './reconcile/summarize-reconcile-report';
export type { ChangeRecorder } from './recorded-change';
export { recordedChange } from './recorded-change';
export { defaultCallConcurrency, settleWithConcurrency } from './settle-with-concurrency';
