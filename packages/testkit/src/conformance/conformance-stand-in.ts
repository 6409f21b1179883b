import type { ConformanceInput } from './contract-facts';

/**
 * One thing a plugin's change shows in the stand-in (the emulator or fake cloud its tests run against),
 * e.g. a blocking network ACL or a subnet moved onto it.
 */
export interface StandInArtefact {
  /** Stable while the artefact exists, e.g. `association:subnet-1`; two artefacts never share it. */
  id: string;
  /**
   * Ids a ledger intent names (in its `resources`) when it announces a change that creates, moves or
   * removes this artefact, e.g. `[vpcId, aclId]` for a blocking ACL (created in the VPC, deleted by id).
   */
  resources: readonly string[];
}

/**
 * The hook a plugin's test gives the behaviour groups of `describeProviderConformance`: what the suite
 * cannot know about a cloud. Everything else the groups do through the plugin's public API
 * (descriptor → `load()` → actions), so third-party plugins run the same groups.
 */
export interface ConformanceStandIn {
  /**
   * Inputs that reach the stand-in: a zone and filters that select something a network simulation
   * blocks, configuration pointing at the stand-in, its (dummy) secrets. Never a real cloud account.
   */
  input: ConformanceInput;
  /** Puts the stand-in back into its fixture state (nothing blocked). Called before every behaviour test. */
  reset(): Promise<void>;
  /** What the plugin's changes show in the stand-in now; empty when nothing is blocked. */
  listArtefacts(): Promise<readonly StandInArtefact[]>;
  /**
   * Makes what a frozen run left in the stand-in look like the remains of a killed process, e.g. rewrites
   * holder marks to name a process that has ended (a run frozen inside the test process still counts as
   * alive). A plugin without holder marks passes `async () => {}`. Turns on the `reconcile` group.
   */
  markRunDead?(): Promise<void>;
}
