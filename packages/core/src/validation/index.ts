export { parseDuration } from './parse-duration';
export { validateGracePeriod } from './validate-grace-period';
export { validateMode } from './validate-mode';
export type { Runtimes, RuntimesInput } from './validate-runtimes';
export { validateRuntimes } from './validate-runtimes';
export { validateZone } from './validate-zone';
