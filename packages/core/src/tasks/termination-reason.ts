/**
 * Why a simulation loop ended, mirroring the Python tool's three log lines
 * ("Single invocation performed", "Time is up", "Termination requested"). chaosgarden adds
 * `rolled-back-externally`: the simulation's artefacts were removed by someone else while it ran (an
 * explicit roll-back, the panic button), so there was nothing left to wait for.
 */
export type TerminationReason =
  | 'single-invocation'
  | 'time-up'
  | 'termination-requested'
  | 'rolled-back-externally';
