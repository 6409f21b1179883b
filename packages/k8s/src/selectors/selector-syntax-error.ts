import { InvalidArgumentError } from '@chaosgarden/core';

// It shares its parent's code, so its own `isInstance` tells it apart by this marker instead.
const marker = Symbol.for('chaosgarden.error.selector-syntax');

export interface SelectorSyntaxErrorOptions {
  /** The option holding the selector, e.g. `podMetadataSelector`. */
  argument: string;
  /** The whole selector text. */
  selector: string;
  /** The requirement at fault, as written. */
  requirement: string;
  /** 1-based position of the requirement in the selector. */
  requirementNumber: number;
  /** 1-based column (in `selector`) of the bad part. */
  column: number;
  /** What is wrong, e.g. `the operator "~=" is not one of =, ==, !=, =~, !~`. */
  problem: string;
}

/**
 * A selector could not be parsed. Thrown before any cluster call. The message keeps the Python tool's
 * opening (`Selector requirement "…" invalid!`) and adds what is wrong and where.
 */
export class SelectorSyntaxError extends InvalidArgumentError {
  /** `invalid-argument`, like its parent: callers handling an `InvalidArgumentError` handle this one too. */
  static override readonly code = InvalidArgumentError.code;
  readonly [marker] = true;
  readonly selector: string;
  readonly requirement: string;
  readonly requirementNumber: number;
  readonly column: number;

  constructor(options: SelectorSyntaxErrorOptions) {
    super({
      argument: options.argument,
      message:
        `Selector requirement "${options.requirement}" invalid! ${capitalise(options.problem)} ` +
        `(${options.argument} "${options.selector}", requirement ${options.requirementNumber}, ` +
        `column ${options.column}).`,
    });
    this.selector = options.selector;
    this.requirement = options.requirement;
    this.requirementNumber = options.requirementNumber;
    this.column = options.column;
  }

  /** True for a `SelectorSyntaxError` only (`InvalidArgumentError.isInstance` accepts it too). */
  static override isInstance(error: unknown): error is SelectorSyntaxError {
    return (
      InvalidArgumentError.isInstance(error) && (error as unknown as Record<symbol, unknown>)[marker] === true
    );
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
