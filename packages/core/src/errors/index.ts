export type { ChaosgardenErrorOptions } from './chaosgarden-error';
export { ChaosgardenError } from './chaosgarden-error';
