import { ChaosgardenError } from '@chaosgarden/core';

/**
 * A Gardener object lacks what chaosgarden needs (a shoot without a credentials binding, a project
 * without a namespace, a seed without access, ...). The message names the object and the field.
 */
export class GardenResourceError extends ChaosgardenError {
  static readonly code = 'garden-resource-invalid';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(GardenResourceError.code, message, options);
  }

  static override isInstance(error: unknown): error is GardenResourceError {
    return ChaosgardenError.isInstance(error) && error.code === GardenResourceError.code;
  }
}
