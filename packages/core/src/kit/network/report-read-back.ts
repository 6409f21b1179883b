import type { Logger } from '../../logging/logger';
import type { BlockReadBack } from './block-read-back';

/** Logs one warning per planned target that is not blocked, naming it, and adds it to `warnings`. */
export function reportReadBack<R extends BlockReadBack>(readBack: R, logger: Logger, warnings: string[]): R {
  for (const { label, why } of readBack.missed) {
    const warning = `${label} was planned for blocking but is not blocked: ${why}.`;
    logger.warn(warning);
    warnings.push(warning);
  }
  return readBack;
}
