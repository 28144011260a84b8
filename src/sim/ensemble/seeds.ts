import { setPath } from '../scenario/paths';

/** Most seeds one ensemble (or one phase-map cell) may run. */
export const MAX_ENSEMBLE_SEEDS = 1000;

/**
 * Seed i of an ensemble whose base seed is `base` (both unsigned 32-bit). Seed 0 is the base seed
 * itself, so an ensemble always contains the single run the user already sees; seed i ≥ 1 is
 * SplitMix32's output for the state base + i · 0x9E3779B9 (mod 2³²), so nearby base seeds give
 * unrelated ensembles and every seed is a pure function of (base, i): the CLI and the page derive
 * the same ones, and the first n seeds of an ensemble are the seeds of any smaller one.
 */
export function ensembleSeed(base: number, i: number): number {
  if (i === 0) return base >>> 0;
  let z = ((base >>> 0) + Math.imul(i, 0x9e3779b9)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Seeds 0 … n − 1 of the ensemble of `base`. */
export function ensembleSeeds(base: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => ensembleSeed(base, i));
}

/** The raw scenario with its seed replaced (the rest untouched, as `--set seed=N` does). */
export function withSeed(raw: unknown, seed: number): unknown {
  return setPath(raw, 'seed', seed);
}
