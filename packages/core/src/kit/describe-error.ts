/** `ErrorName: message` for log lines and results (the Python tool printed `<class '…'>: message`). */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
