import { toPlainJson } from '../naming/to-plain-json';

export interface RollbackCommandLineOptions {
  /** `aws`, ...: `--provider`. */
  provider: string;
  zone: string;
  /** The run whose ledger holds the pending changes: `--run`. Default: not narrowed to one run. */
  runId?: string | undefined;
  /** Filters by key (`vpcs`, `subnets`): one `--filter-<key> '<json>'` each, empty lists left out. */
  filters?: Readonly<Record<string, unknown>> | undefined;
  /** Non-secret settings (`awsRegion`, ...): one `--config name=value` each. Never pass secrets. */
  configuration?: Readonly<Record<string, string | undefined>> | undefined;
  /** `--state-dir`, when the ledger is not where `chaosgarden rollback` looks by default. */
  stateDirectory?: string | undefined;
}

/**
 * The `chaosgarden rollback …` command line that finishes an abandoned roll-back, quoted for a POSIX
 * shell, for the log line and the error an operator copies it from.
 */
export function rollbackCommandLine(options: RollbackCommandLineOptions): string {
  const words = ['chaosgarden', 'rollback', '--provider', options.provider, '--zone', options.zone];
  if (options.runId !== undefined) words.push('--run', options.runId);
  for (const [key, filter] of Object.entries(options.filters ?? {})) {
    const plain = toPlainJson(filter);
    if (plain === undefined || plain === null || (Array.isArray(plain) && plain.length === 0)) continue;
    words.push(
      `--filter-${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
      JSON.stringify(plain),
    );
  }
  for (const [name, value] of Object.entries(options.configuration ?? {})) {
    if (value !== undefined && value !== '') words.push('--config', `${name}=${value}`);
  }
  if (options.stateDirectory !== undefined) words.push('--state-dir', options.stateDirectory);
  return words.map(shellQuote).join(' ');
}

/** A word as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
