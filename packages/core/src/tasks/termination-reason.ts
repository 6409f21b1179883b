/**
 * Why a simulation loop ended, mirroring the Python tool's three log lines
 * ("Single invocation performed", "Time is up", "Termination requested").
 */
export type TerminationReason = 'single-invocation' | 'time-up' | 'termination-requested';
