import type { RunCosts } from '../../src/sim/format';

/** The costs of a fabricated cell whose test does not read them: a stable run that measured nothing. */
export const NO_COSTS: RunCosts = {
  verdict: 'stable',
  recoveryTime: null,
  stuckShare: null,
  goodputShare: null,
  amplification: null,
  shedShare: null,
  p999: null,
  longestWait: null,
  detect: null,
  successShare: null,
};
