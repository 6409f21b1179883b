/**
 * When the experiment's rollbacks run (Chaos Toolkit's `--rollback-strategy`):
 * - `default`: after the method, unless the run was interrupted (a signal, a refused confirmation) or the
 *   hypothesis failed before the method;
 * - `always`: also after an interruption or a failed hypothesis;
 * - `never`: not at all;
 * - `deviated`: only when the hypothesis after the method was not met.
 */
export type RollbackStrategy = 'default' | 'always' | 'never' | 'deviated';

export const rollbackStrategies: readonly RollbackStrategy[] = ['default', 'always', 'never', 'deviated'];

/** What the decision depends on. */
export interface RunFacts {
  methodRan: boolean;
  interrupted: boolean;
  deviated: boolean;
}

export function shouldRunRollbacks(strategy: RollbackStrategy, facts: RunFacts): boolean {
  switch (strategy) {
    case 'always':
      return true;
    case 'never':
      return false;
    case 'deviated':
      return facts.deviated;
    default:
      return facts.methodRan && !facts.interrupted;
  }
}
