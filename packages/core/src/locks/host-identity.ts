import { createHash } from 'node:crypto';
import { hostname } from 'node:os';

/** Longest identity written: what a GCP label value or an Alibaba tag takes. */
const maxLength = 63;
/** Characters of the hash that ends a shortened identity. */
const hashLength = 8;

/**
 * This machine's identity as holder of a lock or a blocking artefact: `CHAOSGARDEN_HOST_ID` when set
 * (so two runs on one machine can stand in for two machines), else the host name, encoded by
 * `encodeHostIdentity`. A holder whose identity equals this one is checked by its pid; any other counts
 * as another machine.
 */
export function hostIdentity(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const configured = env.CHAOSGARDEN_HOST_ID?.trim();
  return encodeHostIdentity(configured === undefined || configured === '' ? hostname() : configured);
}

/**
 * At most 63 characters of `[a-z0-9_-]`: lower-cased, every other character becomes `-`; a longer value
 * keeps its first 54 characters, then `-` and 8 hex digits of the SHA-256 of the whole raw value, so two
 * long names that share a prefix stay apart. An empty value becomes `unknown-host`.
 */
export function encodeHostIdentity(raw: string): string {
  const mapped = raw.toLowerCase().replace(/[^a-z0-9_-]/g, '-');
  if (mapped === '') return 'unknown-host';
  if (mapped.length <= maxLength) return mapped;
  const digest = createHash('sha256').update(raw).digest('hex').slice(0, hashLength);
  return `${mapped.slice(0, maxLength - hashLength - 1)}-${digest}`;
}

/**
 * Whether a holder record names this machine: its host is this identity, or (a record of an older
 * version, which wrote the raw host name, in AWS tags cut to 64 characters) encodes to it.
 */
export function isThisHost(
  recorded: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  const own = hostIdentity(env);
  if (recorded === own || encodeHostIdentity(recorded) === own) return true;
  const configured = env.CHAOSGARDEN_HOST_ID?.trim();
  return (configured === undefined || configured === '') && recorded === hostname().slice(0, 64);
}
