import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface EmptyFiltersRefusedErrorOptions {
  /** The zone the action was asked to hit. */
  zone: string;
  /** The filter keys that select targets; all of them were empty. */
  targetKeys: readonly string[];
}

/**
 * Every target filter is empty, which at the cloud API means "everything in the zone". The Python tool
 * went ahead; chaosgarden refuses unless the caller opts in.
 */
export class EmptyFiltersRefusedError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.emptyFiltersRefused;
  readonly zone: string;
  readonly targetKeys: readonly string[];

  constructor(options: EmptyFiltersRefusedErrorOptions) {
    super(
      EmptyFiltersRefusedError.code,
      `Refusing to act on zone ${options.zone}: the filters ${options.targetKeys.join(', ')} are all empty, ` +
        'which matches every resource in the zone. Nothing was changed. Pass filters that select your ' +
        'cluster, or pass allowEmptyFilters: true if you really want the whole zone.',
    );
    this.zone = options.zone;
    this.targetKeys = [...options.targetKeys];
  }

  static override isInstance(error: unknown): error is EmptyFiltersRefusedError {
    return isChaosgardenErrorWithCode(error, EmptyFiltersRefusedError.code);
  }
}
