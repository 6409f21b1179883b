import { ChaosgardenError } from '@chaosgarden/core';

/** How `waitFor` talks to the person running the experiment; the command line provides it. */
export interface Terminal {
  /** Whether a person can answer (stdin and stdout are terminals). */
  interactive: boolean;
  write(text: string): void;
  /** Resolves with the next line typed, rejects when input ends. */
  readLine(signal: AbortSignal): Promise<string>;
}

/** Options of `waitFor` (Python `chaosgarden.human.actions.wait_for`, which has no parameters). */
export interface WaitForOptions {
  /** Where the prompt goes and the answer comes from. Without one, the call is refused unless `assumeYes`. */
  terminal?: Terminal | undefined;
  /** `--yes`: continue without asking. Default `false`. */
  assumeYes?: boolean | undefined;
  /** Abort (SIGINT/SIGTERM) to stop waiting; the call then rejects. */
  signal?: AbortSignal | undefined;
}

export const confirmationPrompt = 'Press `Enter` to continue or `CTRL-C` to abort...';

/**
 * The confirmation gate: prints an empty line and the Python tool's prompt, waits for a line.
 *
 * @throws ChaosgardenError (code `confirmation-refused`) without a terminal and without `assumeYes`,
 *   or when input ends before a line was entered.
 */
export async function waitFor(options: WaitForOptions = {}): Promise<void> {
  if (options.assumeYes === true) {
    return;
  }
  const terminal = options.terminal;
  if (terminal === undefined || !terminal.interactive) {
    throw new ChaosgardenError(
      'confirmation-refused',
      'The experiment asks for a confirmation (wait_for) but there is no terminal to ask on. Pass --yes to confirm in advance.',
    );
  }
  terminal.write(`\n${confirmationPrompt}`);
  try {
    await terminal.readLine(options.signal ?? new AbortController().signal);
  } catch (error) {
    throw new ChaosgardenError('confirmation-refused', 'Input ended before the confirmation was given.', {
      cause: error,
    });
  }
  terminal.write('\n');
}
