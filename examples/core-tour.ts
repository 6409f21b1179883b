// A zone "outage" on a toy cloud, built the way every chaosgarden plugin builds one:
// validate first, record each change in the roll-back ledger before making it, loop until the
// duration ends, and roll back in `finally` — also on Ctrl-C. Run: node examples/core-tour.ts
import {
  ChaosgardenError,
  createLogger,
  createMemoryLedger,
  createTerminator,
  parseDuration,
  startInBackground,
  validateZone,
} from '@chaosgarden/core';

const logger = createLogger();
const ledger = createMemoryLedger();
const blockedZones = new Set<string>();

async function blockZone(zone: string, duration: number, signal: AbortSignal): Promise<number> {
  const intent = await ledger.recordIntent({
    provider: 'toy',
    zone,
    action: 'block-zone',
    resources: [zone],
  });
  blockedZones.add(zone);
  await ledger.markDone(intent);
  logger.info(`Partitioning zone ${zone} for ${duration}s.`);
  try {
    const terminator = createTerminator({ duration, who: 'blockZone', logger, signal });
    while (!terminator.isTerminated()) await terminator.sleep(250);
    return terminator.netDurationSeconds;
  } finally {
    blockedZones.delete(zone);
    await ledger.markUndone(intent);
    logger.info(`Unpartitioning zone ${zone}.`);
  }
}

try {
  parseDuration('ten minutes'); // refused before anything changes
} catch (error) {
  if (ChaosgardenError.isInstance(error)) logger.warn(`Refused: ${error.message} (${error.code})`);
}
const zones = ['world-1a', 'world-1b'].map((zone) => validateZone(zone));
const tasks = zones.map((zone, index) =>
  startInBackground({ name: `block-${zone}`, logger }, ({ signal }) =>
    blockZone(zone, parseDuration(2 - index), signal),
  ),
);
await Promise.all(tasks.map((task) => task.join()));
logger.info(`Ledger: ${(await ledger.entries()).map((entry) => `${entry.phase} ${entry.zone}`).join(', ')}.`);
logger.info(`Zones still blocked: ${blockedZones.size}.`);
