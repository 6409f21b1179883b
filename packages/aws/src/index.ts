import { backgroundForm } from '@chaosgarden/core';
import { runComputeFailureSimulation, runNetworkFailureSimulation } from './aws-provider';

export type { AwsDescriptor } from './aws-plugin';
export { plugin } from './aws-plugin';
export {
  assessFiltersImpact,
  reconcile,
  rollbackNetworkFailureSimulation,
  runComputeFailureSimulation,
  runNetworkFailureSimulation,
} from './aws-provider';
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
