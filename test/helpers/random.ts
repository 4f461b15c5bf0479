import { mulberry32 } from '../../shared/engine/random';

/** A seeded random stream, so that randomised tests and benchmarks repeat exactly. */
export const rng = (seed: number): (() => number) => mulberry32(seed);

export function shuffle<T>(xs: readonly T[], random: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
