import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import envPaths from 'env-paths';

export interface StateDirectoryOptions {
  /** Where `CHAOSGARDEN_STATE_DIR` and `XDG_STATE_HOME` are read. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Default `process.platform`. */
  platform?: NodeJS.Platform;
  /** Default `os.homedir()`. */
  homedir?: string;
}

/**
 * Where chaosgarden keeps state that must outlive a process (the roll-back ledgers):
 * `$CHAOSGARDEN_STATE_DIR`, else `$XDG_STATE_HOME/chaosgarden` (only if absolute, as the XDG spec
 * demands), else `~/.local/state/chaosgarden`; on macOS and Windows, env-paths' data directory
 * (`~/Library/Application Support/chaosgarden`, `%LOCALAPPDATA%\chaosgarden\Data`).
 */
export function resolveStateDirectory(options: StateDirectoryOptions = {}): string {
  const env = options.env ?? process.env;
  const explicit = env.CHAOSGARDEN_STATE_DIR;
  if (explicit !== undefined && explicit.trim() !== '') {
    return resolve(explicit);
  }
  const platform = options.platform ?? process.platform;
  if (platform === 'darwin' || platform === 'win32') {
    return envPaths('chaosgarden', { suffix: '' }).data;
  }
  const stateHome = env.XDG_STATE_HOME;
  if (stateHome !== undefined && isAbsolute(stateHome)) {
    return join(stateHome, 'chaosgarden');
  }
  return join(options.homedir ?? homedir(), '.local', 'state', 'chaosgarden');
}

/** The file of one run's ledger: `<stateDir>/runs/<runId>.jsonl`. */
export function ledgerFilePath(stateDirectory: string, runId: string): string {
  return join(stateDirectory, 'runs', `${runId}.jsonl`);
}
