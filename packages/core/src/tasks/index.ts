export type { TerminationReason } from './termination-reason';
