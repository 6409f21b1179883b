import { EmptyFiltersRefusedError } from '../errors/empty-filters-refused-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { isEmptyFilter } from './is-empty-filter';

export interface AssertTargetFiltersNotEmptyOptions {
  /** Normalised filters (see `normalizeFilters`). */
  filters: Readonly<Record<string, unknown>>;
  /** The keys that select what the action changes, e.g. `['instances']` or `['vpcs', 'subnets']`. */
  targetKeys: readonly string[];
  /** The caller's opt-in to hit the whole zone. Default `false`. */
  allowEmptyFilters?: boolean;
  /** Named in the error message. */
  zone: string;
}

/**
 * Refuses to go on when every target filter is empty, which at the cloud API matches everything in
 * the zone (the Python tool had no such safety net). Call it after `normalizeFilters`, before any change.
 *
 * @throws EmptyFiltersRefusedError unless at least one target filter is non-empty or `allowEmptyFilters` is true.
 */
export function assertTargetFiltersNotEmpty(options: AssertTargetFiltersNotEmptyOptions): void {
  if (options.targetKeys.length === 0) {
    throw new InvalidArgumentError({
      argument: 'targetKeys',
      message: 'targetKeys must name at least one filter key that selects targets.',
    });
  }
  if (options.allowEmptyFilters === true) {
    return;
  }
  if (options.targetKeys.every((key) => isEmptyFilter(options.filters[key]))) {
    throw new EmptyFiltersRefusedError({ zone: options.zone, targetKeys: options.targetKeys });
  }
}
