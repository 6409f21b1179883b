import type { Logger, OrderedJsonValue, RollbackLedger } from '@chaosgarden/core';
import type { ResolvedSettings } from '../experiment/resolve-settings';
import type { Terminal } from './human-actions';

/** What every provider call gets from the runner. */
export interface ActivityContext {
  /** Aborts on SIGINT/SIGTERM; pauses, processes and requests stop, simulations roll back. */
  signal: AbortSignal;
  logger: Logger;
  settings: ResolvedSettings;
  /** Records what a cloud simulation changes; read back into the journal. */
  ledger: RollbackLedger;
  terminal: Terminal | undefined;
  assumeYes: boolean;
}

/** One provider of an activity, with `${…}` already substituted (ordered values). */
export type ProviderTree = Map<string, OrderedJsonValue>;
