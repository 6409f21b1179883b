/** The agent is a program of its own: it prints to its container log (stdout), one line per event. */
export function agentLog(message: string): void {
  process.stdout.write(`${new Date().toISOString()} ${message}\n`);
}

/** `Name: message` of an error, on one line. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\r?\n/g, '⏎');
}
