import { ChaosgardenError } from '@chaosgarden/core';

/** One problem found in an experiment file, with where it is (`method[0].provider.func`). */
export interface ExperimentIssue {
  path: string;
  message: string;
}

/** The experiment file cannot be run as written: syntax, structure, configuration or substitution. */
export class ExperimentError extends ChaosgardenError {
  static readonly code = 'invalid-experiment';
  readonly issues: readonly ExperimentIssue[];

  constructor(message: string, options: { issues?: readonly ExperimentIssue[]; cause?: unknown } = {}) {
    super(ExperimentError.code, message, options.cause === undefined ? {} : { cause: options.cause });
    this.issues = options.issues ?? [];
  }

  /** True for an `ExperimentError` only, also one built by a second installed copy of this package. */
  static override isInstance(error: unknown): error is ExperimentError {
    return ChaosgardenError.isInstance(error) && error.code === ExperimentError.code;
  }
}

/** `['method', 0, 'provider', 'func']` → `method[0].provider.func`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : `${text === '' ? '' : '.'}${String(part)}`;
  }
  return text === '' ? '(top level)' : text;
}
