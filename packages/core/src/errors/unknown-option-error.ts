import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface UnknownOptionErrorOptions {
  /** The function that was called: `runNetworkFailureSimulation`. */
  action: string;
  /** The top-level keys it does not take, as the caller spelled them. */
  unknownOptions: readonly string[];
  /** The keys it takes, in its declaration's order. */
  knownOptions: readonly string[];
  /** For an unknown key that looks like a known one: the known one (`rollbakLeftovers` → `rollbackLeftovers`). */
  closest?: Readonly<Record<string, string>>;
}

/**
 * A top-level option the action does not take, usually a typo or a snake_case spelling; thrown before
 * anything runs (no cloud or cluster call), where it would otherwise be ignored silently. The message
 * lists the known options and names the closest one.
 */
export class UnknownOptionError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.unknownOption;
  readonly action: string;
  /** The first unknown option, as `InvalidArgumentError.argument` would name it. */
  readonly argument: string;
  readonly unknownOptions: readonly string[];
  readonly knownOptions: readonly string[];
  readonly closest: Readonly<Record<string, string>>;

  constructor(options: UnknownOptionErrorOptions) {
    const closest = { ...options.closest };
    super(
      UnknownOptionError.code,
      `Unknown option(s) ${options.unknownOptions.join(', ')} for ${options.action}; ` +
        `known options are ${options.knownOptions.join(', ')}.${hint(options.unknownOptions, closest)}`,
    );
    this.action = options.action;
    this.argument = options.unknownOptions[0] ?? '';
    this.unknownOptions = Object.freeze([...options.unknownOptions]);
    this.knownOptions = Object.freeze([...options.knownOptions]);
    this.closest = Object.freeze(closest);
  }

  static override isInstance(error: unknown): error is UnknownOptionError {
    return isChaosgardenErrorWithCode(error, UnknownOptionError.code);
  }
}

function hint(unknown: readonly string[], closest: Record<string, string>): string {
  const named = unknown.filter((key) => closest[key] !== undefined);
  if (named.length === 0) return '';
  if (unknown.length === 1) return ` Did you mean ${closest[named[0] as string]}?`;
  return ` Did you mean ${named.map((key) => `${closest[key]} (for ${key})`).join(', ')}?`;
}
