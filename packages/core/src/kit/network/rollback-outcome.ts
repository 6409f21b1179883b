import type { Target } from '../../provider/v1/results';

/** What rolling back some of a zone's artefacts achieved, and what it could not. */
export interface RollbackOutcome {
  restored: Target[];
  removed: Target[];
  warnings: string[];
  /** Artefacts still in place, in words: blocking artefact ids, targets still cut off. */
  leftovers: string[];
  /** The failures of the steps that left them. */
  errors: unknown[];
}
