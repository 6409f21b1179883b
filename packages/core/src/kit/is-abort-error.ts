/** True for the SDKs' and Node's abort errors (`AbortError`). */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** True for an abort or a stop: `AbortError`, or chaosgarden's `TerminatedError` (a terminator ended). */
export function isStopError(error: unknown): boolean {
  return isAbortError(error) || (error instanceof Error && error.name === 'TerminatedError');
}
