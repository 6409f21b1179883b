export { assertKnownOptions } from './assert-known-options';
export { closestName } from './closest-name';
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
export type { DeclareActionInput } from './declare-action';
export { declareAction } from './declare-action';
export { defineAction } from './define-action';
export { describeError } from './describe-error';
export { formatPythonDatetime } from './format-python-datetime';
export { assertNotHeld } from './holder/assert-not-held';
export type { ClaimZoneOptions } from './holder/claim-zone';
export { claimZone } from './holder/claim-zone';
export type { CloudLockWords } from './holder/cloud-lock-words';
export { compareHolders } from './holder/compare-holders';
export type { CreateHolderRecordOptions } from './holder/create-holder-record';
export { createHolderRecord } from './holder/create-holder-record';
export type { LeaseRenewal, LeaseRenewalOptions } from './holder/create-lease-renewal';
export { createLeaseRenewal } from './holder/create-lease-renewal';
export type { ClaimDecision } from './holder/decide-claim';
export { decideClaim } from './holder/decide-claim';
export { decodeLabelValue } from './holder/decode-label-value';
export type { DescribeHolderOptions } from './holder/describe-holder-record';
export { describeHolderRecord } from './holder/describe-holder-record';
export { encodeHolderJson } from './holder/encode-holder-json';
export { encodeHolderLabels } from './holder/encode-holder-labels';
export { encodeLabelValue } from './holder/encode-label-value';
export type { HeldArtefact } from './holder/held-artefact';
export type { HolderRecord, HolderState } from './holder/holder-record';
export type { HolderRole, HolderScope } from './holder/holder-role';
export { holderRole } from './holder/holder-role';
export type { HolderStateOptions } from './holder/holder-state';
export { holderState } from './holder/holder-state';
export { isLeaseExpired } from './holder/is-lease-expired';
export { isSameRun } from './holder/is-same-run';
export { leaseMarginSeconds } from './holder/lease-margin-seconds';
export { nextTicket } from './holder/next-ticket';
export { parseHolderJson } from './holder/parse-holder-json';
export { parseHolderLabels } from './holder/parse-holder-labels';
export { renewHolderLease } from './holder/renew-holder-lease';
export { isAbortError, isStopError } from './is-abort-error';
export { mapWithConcurrency, settledValues } from './map-with-concurrency';
export type { AbandonedRollbackWords } from './network/abandoned-rollback-words';
export { assertBlockAccepted } from './network/assert-block-accepted';
export { assertRolledBack } from './network/assert-rolled-back';
export type { BlockInPhasesOptions } from './network/block-in-phases';
export { blockInPhases } from './network/block-in-phases';
export type { BlockReadBack, MissedTarget } from './network/block-read-back';
export { blockStatus } from './network/block-status';
export { emptyRollbackOutcome } from './network/empty-rollback-outcome';
export type { FinalRollbackOptions } from './network/final-rollback';
export { finalRollback } from './network/final-rollback';
export { mergeRollbackOutcomes } from './network/merge-rollback-outcomes';
export type { NetworkPlan, NetworkSimulationHooks } from './network/network-simulation-hooks';
export type { ReadBackAfterStopOptions } from './network/read-back-after-stop';
export { readBackAfterStop } from './network/read-back-after-stop';
export { reportReadBack } from './network/report-read-back';
export type { RollbackOutcome } from './network/rollback-outcome';
export type {
  NetworkSimulationSequenceOptions,
  NetworkSimulationSequenceResult,
} from './network/run-network-simulation-sequence';
export { runNetworkSimulationSequence } from './network/run-network-simulation-sequence';
export { settlePendingChanges } from './network/settle-pending-changes';
export type { AbandonedRollbackOptions } from './network/throw-abandoned-rollback';
export { throwAbandonedRollback } from './network/throw-abandoned-rollback';
export type { WaitUntilTerminatedOptions } from './network/wait-until-terminated';
export { waitUntilTerminated } from './network/wait-until-terminated';
export { providerActionDeclarations } from './provider-action-declarations';
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
