import { backgroundForm } from '@chaosgarden/core';
import { runComputeFailureSimulation } from './compute';
import { runNetworkFailureSimulation } from './network';

export { assessFiltersImpact } from './assess';
export { plugin } from './aws-plugin';
export type {
  AwsAssessFiltersImpactOptions,
  AwsComputeFailureSimulationOptions,
  AwsConfiguration,
  AwsFilter,
  AwsFilters,
  AwsNetworkFailureSimulationOptions,
  AwsReconcileOptions,
  AwsRollbackNetworkFailureSimulationOptions,
  AwsSecrets,
} from './aws-types';
export { runComputeFailureSimulation } from './compute';
export { rollbackNetworkFailureSimulation, runNetworkFailureSimulation } from './network';
export { reconcile } from './reconcile';

/** `runComputeFailureSimulation` in the background: returns a handle (`join()`, `terminate()`) at once. */
export const runComputeFailureSimulationInBackground = backgroundForm(
  'runComputeFailureSimulation',
  runComputeFailureSimulation,
);

/** `runNetworkFailureSimulation` in the background: returns a handle at once; `terminate()` waits for the roll-back. */
export const runNetworkFailureSimulationInBackground = backgroundForm(
  'runNetworkFailureSimulation',
  runNetworkFailureSimulation,
);
