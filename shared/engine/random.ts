/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): a small seeded PRNG whose stream is the same on
 * every machine, for anything that must repeat exactly — sample data, randomised tests, and the
 * Monte Carlo of sensitivity analysis. Returns uniform numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
