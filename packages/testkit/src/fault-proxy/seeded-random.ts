/**
 * mulberry32: a tiny seeded generator of numbers in [0, 1). Statistically plain, but the same seed
 * always gives the same sequence, which is all the fault proxy needs.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A fresh seed: env `CHAOSGARDEN_FAULT_SEED` when set, else a random one. */
export function pickSeed(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const fromEnv = env.CHAOSGARDEN_FAULT_SEED;
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv.trim())) return Number(fromEnv.trim()) >>> 0;
  return Math.floor(Math.random() * 4_294_967_296);
}
