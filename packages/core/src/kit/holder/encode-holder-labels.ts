import { encodeHostIdentity } from '../../locks/host-identity';
import { encodeLabelValue } from './encode-label-value';
import type { HolderRecord } from './holder-record';

/**
 * The holder as a field map for clouds with labels (GCP, Alibaba Cloud): every key `<prefix><field>` and
 * every value at most 63 characters of `[a-z0-9_-]`: `run` (`encodeLabelValue`), `host` (a host identity),
 * `pid`, `until` in epoch seconds (`none`: no end), `ticket` (`pending` while it is taken; left out when
 * absent). Read back with `parseHolderLabels`.
 */
export function encodeHolderLabels(holder: HolderRecord, prefix = ''): Record<string, string> {
  const until = holder.until === null ? Number.NaN : Math.ceil(Date.parse(holder.until) / 1000);
  const labels: Record<string, string> = {
    [`${prefix}run`]: encodeLabelValue(holder.run),
    [`${prefix}host`]: encodeHostIdentity(holder.host),
    [`${prefix}pid`]: String(holder.pid),
    [`${prefix}until`]: Number.isFinite(until) ? String(until) : 'none',
  };
  if (holder.ticket !== undefined) {
    labels[`${prefix}ticket`] = holder.ticket === null ? 'pending' : String(holder.ticket);
  }
  return labels;
}
