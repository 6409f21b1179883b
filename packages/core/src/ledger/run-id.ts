import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from '../errors/invalid-argument-error';

const runIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * A new run id: UTC time to the millisecond, then 8 random hex digits, e.g.
 * `20240101T120000123Z-3f9a1c2b`. Sorts by start time as text; the suffix keeps two runs started
 * in the same millisecond apart.
 */
export function createRunId(now: Date = new Date()): string {
  const time = now.toISOString().replace(/[-:.]/g, '');
  return `${time}-${randomBytes(4).toString('hex')}`;
}

/** Run ids become file names: letters, digits, `.`, `_` and `-` only, so none can leave the directory. */
export function assertRunId(runId: string): void {
  if (!runIdPattern.test(runId)) {
    throw new InvalidArgumentError({
      argument: 'runId',
      message: `Run id ${JSON.stringify(runId)} is not usable as a file name; use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit.`,
    });
  }
}
