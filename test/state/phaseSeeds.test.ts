import { describe, expect, it } from 'vitest';
import { AdaptiveSampler, ensembleSeed, findPreset, parseScenario } from '../../src/sim/index';
import { createPhaseStore } from '../../src/state/index';
import { createSweepPool, type CellFigures } from '../../src/worker/index';
import { fakeSweepWorkers, react } from '../worker/fakeSweepWorkers';
import { NO_COSTS } from '../support/costs';

const storm = parseScenario(findPreset('retry-storm')!.scenario).scenario;

/** Stuck with a probability rising with load, decided by the seed: the same (cell, seed) always gives the same verdict. */
function stuckAt(rate: number, seed: number): boolean {
  return seed / 2 ** 32 < Math.min(1, Math.max(0, (rate - 150) / 100));
}
function figures(raw: unknown): CellFigures {
  const s = raw as { load: { rate: number }; seed: number };
  const stuck = stuckAt(s.load.rate, s.seed);
  return { verdict: stuck ? 'metastable' : 'recovered', recoveryTime: stuck ? null : 5, goodput: 1, offered: 1, p99: 0.1, amplification: 1, badTime: 3, stopped: null, costs: NO_COSTS };
}

async function runToEnd(mode: 'fixed' | 'adaptive') {
  const fake = fakeSweepWorkers(figures);
  const store = createPhaseStore(createSweepPool({ size: 2, startWorker: fake.start }), { scheduler: (f) => f(), clockMs: () => 0 });
  store.getState().ensureAxes(storm);
  store.getState().setAxis('x', { from: 100, to: 300, steps: 5 });
  store.getState().setAxis('y', { from: 10, to: 30, steps: 3 });
  store.getState().setSeedSettings({ mode, perCell: 6, maxPerCell: 6, budgetPerCell: 4, targetWidth: 0.3 });
  expect(store.getState().start(storm)).toBe(true);
  while (store.getState().status === 'running') {
    await fake.answerAll();
    await react();
  }
  return store;
}

describe('probability phase map', () => {
  it('fixed: every cell runs seeds 0 … N − 1 of the scenario’s ensemble and counts its stuck ones', async () => {
    const store = await runToEnd('fixed');
    const { map, status, completed, total } = store.getState();
    expect(status).toBe('done');
    expect([completed, total]).toEqual([6 * 15, 6 * 15]);
    const p = map!.probability!;
    const rates = map!.x.values;
    for (let c = 0; c < 15; c++) {
      expect(p.n[c]).toBe(6);
      const rate = rates[Math.floor(c / 3)]!;
      const seeds = Array.from({ length: 6 }, (_, i) => ensembleSeed(storm.seed, i));
      expect(p.runs[c]!.map((r) => r.seed)).toEqual(seeds);
      expect(p.stuck[c]).toBe(seeds.filter((s) => stuckAt(rate, s)).length);
    }
    expect((store.getState().seedRaw(4, 3) as { seed: number }).seed).toBe(ensembleSeed(storm.seed, 3));
  });

  it('adaptive: spends the seeds the sampler asks for, round after round, within the budget', async () => {
    const store = await runToEnd('adaptive');
    const p = store.getState().map!.probability!;
    const rates = store.getState().map!.x.values;
    const sampler = new AdaptiveSampler(5, 3, { initialSeeds: 2, step: 2, maxSeeds: 6, budget: 4 * 15, targetWidth: 0.3 });
    for (let jobs = sampler.nextRound(); jobs.length > 0; jobs = sampler.nextRound()) {
      for (const j of jobs) sampler.record(j.cell, stuckAt(rates[Math.floor(j.cell / 3)]!, ensembleSeed(storm.seed, j.seedIndex)));
    }
    expect(Array.from(p.n)).toEqual(Array.from(sampler.n));
    expect(Array.from(p.stuck)).toEqual(Array.from(sampler.stuck));
    expect(p.spent).toBeLessThanOrEqual(60);
  });

  it('refuses seed settings out of range by name', () => {
    const store = createPhaseStore(createSweepPool({ size: 1, startWorker: fakeSweepWorkers(figures).start }));
    store.getState().ensureAxes(storm);
    store.getState().setSeedSettings({ mode: 'adaptive', maxPerCell: 1, budgetPerCell: 1, targetWidth: 2 });
    expect(store.getState().start(storm)).toBe(false);
    expect(store.getState().problems).toEqual([
      'Most seeds per cell: got 1, expected an integer from 2 to 100.',
      'Seed budget per cell: got 1, expected a number from 2 to 100.',
      'Target width: got 2, expected a number in (0, 1].',
    ]);
  });
});
