/**
 * Set-up and roll-back time a run may take beyond its duration before its lease runs out (and the time a
 * run without an end renews its lease for): the one margin of every holder record.
 */
export const leaseMarginSeconds = 15 * 60;
