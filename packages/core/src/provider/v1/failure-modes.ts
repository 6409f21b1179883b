/**
 * The compute failure modes the v1 contract names, the first the default. A plugin's capabilities list
 * those it supports and may add modes of its own (`ComputeFailureModeName`).
 */
export const computeFailureModes = Object.freeze(['terminate', 'restart'] as const);

/**
 * The network failure modes the v1 contract names, the first the default. A plugin's capabilities list
 * those it supports and may add modes of its own (`NetworkFailureModeName`).
 */
export const networkFailureModes = Object.freeze(['total', 'ingress', 'egress'] as const);
