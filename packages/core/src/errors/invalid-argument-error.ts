import {
  ChaosgardenError,
  type ChaosgardenErrorOptions,
  isChaosgardenErrorWithCode,
} from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface InvalidArgumentErrorOptions extends Pick<ChaosgardenErrorOptions, 'cause'> {
  /** The option at fault, in its TypeScript spelling: `zone`, `mode`, `duration`, `minRuntime`, ... */
  argument: string;
  /** What is wrong and what to pass instead. */
  message: string;
}

/** An option has a value chaosgarden cannot use. Thrown before any cloud or cluster call. */
export class InvalidArgumentError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.invalidArgument;
  /** The option at fault, e.g. `zone` or `maxRuntime`. */
  readonly argument: string;

  constructor(options: InvalidArgumentErrorOptions) {
    super(InvalidArgumentError.code, options.message, { cause: options.cause });
    this.argument = options.argument;
  }

  static override isInstance(error: unknown): error is InvalidArgumentError {
    return isChaosgardenErrorWithCode(error, InvalidArgumentError.code);
  }
}
