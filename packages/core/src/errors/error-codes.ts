/**
 * The stable `code` of every error class core defines. Match on these (or on each class's `isInstance`),
 * never on messages. Codes are never renamed once released; new ones may be added.
 */
export const chaosgardenErrorCodes = {
  invalidArgument: 'invalid-argument',
  unknownFilterKey: 'unknown-filter-key',
  emptyFiltersRefused: 'empty-filters-refused',
  tooManyTargets: 'too-many-targets',
  cloudApiError: 'cloud-api-error',
  rollbackIncomplete: 'rollback-incomplete',
  pluginNotInstalled: 'plugin-not-installed',
  unsupportedProvider: 'unsupported-provider',
  terminated: 'terminated',
  ledgerCorrupt: 'ledger-corrupt',
  simulationLocked: 'simulation-locked',
  selfTargetRefused: 'self-target-refused',
  partialSimulation: 'partial-simulation',
  unknownOption: 'unknown-option',
} as const;

export type ChaosgardenErrorCode = (typeof chaosgardenErrorCodes)[keyof typeof chaosgardenErrorCodes];
