import { encodeLabelValue } from './encode-label-value';

/** Whether a holder record's `run` names `runId`: as written, or as a label value shortened with a hash. */
export function isSameRun(recorded: string, runId: string | undefined): boolean {
  if (runId === undefined) return false;
  return recorded === runId || recorded === encodeLabelValue(runId);
}
