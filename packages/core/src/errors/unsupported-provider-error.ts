import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface UnsupportedProviderErrorOptions {
  /** The provider type that was asked for (Gardener's `spec.provider.type`, or a module name part). */
  providerType: string;
  /** The provider types that are supported, listed in the message. Default: not listed. */
  supported?: readonly string[];
}

/** No chaosgarden plugin exists for this provider type. */
export class UnsupportedProviderError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.unsupportedProvider;
  readonly providerType: string;
  readonly supported: readonly string[];

  constructor(options: UnsupportedProviderErrorOptions) {
    const supported = options.supported ?? [];
    const list = supported.length > 0 ? ` Supported providers are ${supported.join(', ')}.` : '';
    super(
      UnsupportedProviderError.code,
      `Cloud provider (was ${options.providerType}) unknown/not supported!${list}`,
    );
    this.providerType = options.providerType;
    this.supported = [...supported];
  }

  static override isInstance(error: unknown): error is UnsupportedProviderError {
    return isChaosgardenErrorWithCode(error, UnsupportedProviderError.code);
  }
}
