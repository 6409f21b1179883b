import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface PluginNotInstalledErrorOptions {
  /** The npm package to install, e.g. `@chaosgarden/azure`. */
  packageName: string;
  /** The provider type that needs it (`azure`). Default: not shown. */
  providerType?: string;
  /** The module-resolution error, kept for diagnosis. */
  cause?: unknown;
}

/** The plugin package for a provider could not be loaded; the message says what to install. */
export class PluginNotInstalledError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.pluginNotInstalled;
  readonly packageName: string;
  readonly providerType: string | undefined;

  constructor(options: PluginNotInstalledErrorOptions) {
    const forWhat = options.providerType === undefined ? '' : ` for provider ${options.providerType}`;
    super(
      PluginNotInstalledError.code,
      `The chaosgarden plugin${forWhat} (${options.packageName}) is not installed. ` +
        `Install it next to chaosgarden: npm install ${options.packageName}`,
      { cause: options.cause },
    );
    this.packageName = options.packageName;
    this.providerType = options.providerType;
  }

  static override isInstance(error: unknown): error is PluginNotInstalledError {
    return isChaosgardenErrorWithCode(error, PluginNotInstalledError.code);
  }
}
