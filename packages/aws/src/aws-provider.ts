import { type CloudProviderV1, defineAction } from '@chaosgarden/core';
import { assessFiltersImpact as assess } from './assess';
import { plugin } from './aws-plugin';
import type { AwsConfiguration, AwsFilters, AwsSecrets } from './aws-types';
import { runComputeFailureSimulation as compute } from './compute';
import {
  runNetworkFailureSimulation as network,
  rollbackNetworkFailureSimulation as rollback,
} from './network';
import { providerId } from './provider-id';
import { reconcile as reconcileLeftovers } from './reconcile';

// Each action with its declaration (`plugin.actions`): an unknown top-level option is refused before
// any client is built. `index.ts` exports these, so the functions and `load()` refuse alike.
const { actions } = plugin;

/** Lists what the filters select in the zone; changes nothing. */
export const assessFiltersImpact = defineAction(actions.assessFiltersImpact, assess);
/** Terminates or restarts the zone's matching instances, each after its random lifetime. */
export const runComputeFailureSimulation = defineAction(actions.runComputeFailureSimulation, compute);
/** Blocks the zone's subnets with a blocking network ACL, waits, rolls back. */
export const runNetworkFailureSimulation = defineAction(actions.runNetworkFailureSimulation, network);
/** Removes every block chaosgarden made for these filters in the zone. */
export const rollbackNetworkFailureSimulation = defineAction(
  actions.rollbackNetworkFailureSimulation,
  rollback,
);
/** Finds every left-over by the ledgers and by ownership tags, undoes it and reads the result back. */
export const reconcile = defineAction(actions.reconcile, reconcileLeftovers);

/** The four actions and reconcile, as `plugin.load()` returns them. */
export const awsProvider: CloudProviderV1<AwsFilters, AwsConfiguration, AwsSecrets> = Object.freeze({
  specificationVersion: 'v1',
  providerType: providerId,
  assessFiltersImpact,
  runComputeFailureSimulation,
  runNetworkFailureSimulation,
  rollbackNetworkFailureSimulation,
  reconcile,
});
