import { isThisHost } from '../../locks/host-identity';
import { isProcessAlive } from '../../locks/process-alive';
import type { HolderRecord, HolderState } from './holder-record';
import { isLeaseExpired } from './is-lease-expired';

export interface HolderStateOptions {
  /** Default `process.env` (for `CHAOSGARDEN_HOST_ID`, see `hostIdentity`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Whether a pid of this host still runs. Default `isProcessAlive`. */
  isProcessAlive?: (pid: number) => boolean;
}

/**
 * The one rule for every holder: `dead` once its lease ran out or, on this host (`isThisHost`), once its
 * process is gone; `alive` for a live process of this host within its lease; `unknown` for another host
 * within its lease (it cannot be checked) and for no holder at all.
 */
export function holderState(
  holder: HolderRecord | undefined,
  now = Date.now(),
  options: HolderStateOptions = {},
): HolderState {
  if (holder === undefined) return 'unknown';
  if (isLeaseExpired(holder, now)) return 'dead';
  const env = options.env ?? process.env;
  if (isThisHost(holder.host, env)) {
    return (options.isProcessAlive ?? isProcessAlive)(holder.pid) ? 'alive' : 'dead';
  }
  return 'unknown';
}
