import { ChaosgardenError } from '@chaosgarden/core';
import type { ProbeViolation } from '../metrics/assess-metrics';

/**
 * The health probe measured more downtime than the thresholds tolerate, or lost heartbeats
 * (Python: `AssertionError("Probe failed (thresholds violated)!")`). Not thrown with `silent: true`.
 */
export class HealthProbeFailedError extends ChaosgardenError {
  static readonly code = 'health-probe-failed';
  readonly violations: readonly ProbeViolation[];

  constructor(violations: readonly ProbeViolation[]) {
    super(
      HealthProbeFailedError.code,
      `Probe failed (thresholds violated)! ${violations.map((violation) => violation.message).join(' ')}`,
    );
    this.violations = Object.freeze([...violations]);
  }

  static override isInstance(error: unknown): error is HealthProbeFailedError {
    return ChaosgardenError.isInstance(error) && error.code === HealthProbeFailedError.code;
  }
}
