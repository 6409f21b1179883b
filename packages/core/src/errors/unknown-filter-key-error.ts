import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface UnknownFilterKeyErrorOptions {
  /** The keys that are neither expected nor tolerated, as the caller spelled them. */
  unexpectedKeys: readonly string[];
  /** The keys the action reads. */
  expectedKeys: readonly string[];
  /** Keys that are accepted but ignored by this action (they matter to a sibling action). Default none. */
  toleratedKeys?: readonly string[];
}

/**
 * A filter key the action does not know, usually a typo. Unlike the Python tool, whose message printed
 * a literal `{expected_keys}`, the message names every accepted key.
 */
export class UnknownFilterKeyError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.unknownFilterKey;
  readonly unexpectedKeys: readonly string[];
  readonly expectedKeys: readonly string[];
  readonly toleratedKeys: readonly string[];

  constructor(options: UnknownFilterKeyErrorOptions) {
    const tolerated = options.toleratedKeys ?? [];
    const accepted =
      `expected filters are ${listOrNone(options.expectedKeys)}` +
      (tolerated.length > 0 ? `; also accepted: ${tolerated.join(', ')}` : '');
    super(
      UnknownFilterKeyError.code,
      `Found unexpected filters for ${options.unexpectedKeys.join(', ')} (${accepted})! ` +
        'Rename or remove them (snake_case spellings such as virtual_machines are accepted as well).',
    );
    this.unexpectedKeys = [...options.unexpectedKeys];
    this.expectedKeys = [...options.expectedKeys];
    this.toleratedKeys = [...tolerated];
  }

  static override isInstance(error: unknown): error is UnknownFilterKeyError {
    return isChaosgardenErrorWithCode(error, UnknownFilterKeyError.code);
  }
}

function listOrNone(keys: readonly string[]): string {
  return keys.length > 0 ? keys.join(', ') : '(none)';
}
