/** The parts of a heartbeat name `<probe>-probe-<zone>-<unix seconds>`. */
export interface HeartbeatName {
  readonly probe: string;
  readonly zone: string;
  readonly timestamp: number;
}

// Greedy groups, as the Python tool parsed names: `web-hook-probe-regional-1` → web-hook / regional.
const pattern = /^(.+)-probe-(.+)-([0-9]+)/;

/** Builds a heartbeat name; the zone `regional` stands for heartbeats that belong to no zone. */
export function heartbeatName(probe: string, zone: string, timestamp: number): string {
  return `${probe}-probe-${zone}-${Math.floor(timestamp)}`;
}

/** Parses a heartbeat name (lower-cased first); undefined when it has not that shape. */
export function parseHeartbeatName(name: string): HeartbeatName | undefined {
  const match = pattern.exec(name.toLowerCase());
  if (match === null) return undefined;
  return { probe: match[1] as string, zone: match[2] as string, timestamp: Number(match[3]) };
}
