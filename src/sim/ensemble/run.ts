import { runScenario } from '../engine/runScenario';
import { parseScenario } from '../scenario/parse';
import type { SeedOutcome } from './aggregate';
import { ensembleSeeds, withSeed } from './seeds';

/** Run seeds 0 … n − 1 of the raw scenario's ensemble here, one after another (tests and small ensembles). */
export function runEnsembleSeeds(raw: unknown, n: number): SeedOutcome[] {
  const base = parseScenario(raw).scenario.seed;
  return ensembleSeeds(base, n).map((seed) => {
    const { summary } = runScenario(parseScenario(withSeed(raw, seed)).scenario);
    return { seed, verdict: summary.verdict, recoveryTime: summary.recoveryTime };
  });
}
