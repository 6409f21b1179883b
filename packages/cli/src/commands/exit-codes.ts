/** Exit codes of the `chaosgarden` command (documented in docs/cli.md). */
export const exitCodes = {
  /** The experiment completed and its hypothesis held (or a direct command succeeded). */
  ok: 0,
  /** The hypothesis was not met before or after the method, or a direct command failed. */
  failed: 1,
  /** The experiment file, a variable or an option is invalid, or a plugin is missing; nothing ran. */
  invalid: 2,
} as const;

/** 128 + the signal number, as a shell reports a process ended by that signal. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 131;
}
