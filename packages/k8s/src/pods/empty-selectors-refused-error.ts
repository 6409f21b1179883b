import { EmptyFiltersRefusedError, redactSecrets } from '@chaosgarden/core';

// It shares its parent's code, so its own `isInstance` tells it apart by this marker instead.
const marker = Symbol.for('chaosgarden.error.empty-selectors-refused');

const selectorOptions = [
  'podNodeLabelSelector',
  'podLabelSelector',
  'podMetadataSelector',
  'podOwnerSelector',
];

/**
 * All four pod selectors are empty, which selects every pod with an owner on any node of the cluster.
 * The Python tool went ahead; chaosgarden refuses unless `allowEmptySelectors: true` is passed. An
 * `EmptyFiltersRefusedError` (same code), so callers handling that error handle this one too.
 */
export class EmptySelectorsRefusedError extends EmptyFiltersRefusedError {
  /** `empty-filters-refused`, like its parent. */
  static override readonly code = EmptyFiltersRefusedError.code;
  readonly [marker] = true;

  constructor() {
    super({ zone: 'all zones', targetKeys: selectorOptions });
    this.message = redactSecrets(
      `Refusing to delete pods: ${selectorOptions.join(', ')} are all empty, which selects every pod ` +
        '(with an owner, on a node) in the cluster. Nothing was deleted. Pass a selector, e.g. ' +
        "podNodeLabelSelector: 'topology.kubernetes.io/zone=<zone>', or allowEmptySelectors: true " +
        'if you really mean the whole cluster.',
    );
  }

  /** True for an `EmptySelectorsRefusedError` only (`EmptyFiltersRefusedError.isInstance` accepts it too). */
  static override isInstance(error: unknown): error is EmptySelectorsRefusedError {
    return (
      EmptyFiltersRefusedError.isInstance(error) &&
      (error as unknown as Record<symbol, unknown>)[marker] === true
    );
  }
}
