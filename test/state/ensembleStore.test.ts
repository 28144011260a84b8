import { describe, expect, it } from 'vitest';
import { ensembleReport, ensembleSeeds, findPreset, parseScenario, type EnsembleReport, type SeedOutcome } from '../../src/sim/index';
import { createEnsembleStore, ensembleKey, ensembleWords, expectationWords } from '../../src/state/index';
import { createSweepPool } from '../../src/worker/index';
import { runSweepCell } from '../../src/worker/sweepCell';
import { fakeSweepWorkers, react } from '../worker/fakeSweepWorkers';

/** The retry storm near its edge, cut short so each seed runs in milliseconds; with one live action. */
const edge = parseScenario({
  ...findPreset('retry-storm')!.scenario,
  duration: 120,
  load: { rate: 150 },
  triggers: [{ kind: 'outage', at: 30, duration: 3 }],
  actions: [{ at: 50, set: { 'client.timeout': 1 } }],
}).scenario;

function setup() {
  const fake = fakeSweepWorkers((raw) => runSweepCell(raw, true));
  const flushes: (() => void)[] = [];
  const store = createEnsembleStore(createSweepPool({ size: 2, startWorker: fake.start }), { scheduler: (f) => flushes.push(f) });
  return { fake, flushes, store };
}

describe('ensemble store', () => {
  it('runs the scenario, live actions included, on seeds 0 … N − 1 and reports what the CLI reports', async () => {
    const { fake, store } = setup();
    store.getState().setSeeds(6);
    store.getState().start(edge);
    expect(store.getState()).toMatchObject({ status: 'running', total: 6, completed: 0, key: ensembleKey(edge) });
    const sent = fake.workers.flatMap((w) => w.inbox.map((r) => r.raw as { seed: number; actions: unknown[] }));
    expect(sent.every((raw) => JSON.stringify(raw.actions) === JSON.stringify(edge.actions))).toBe(true);
    expect(fake.workers.flatMap((w) => w.inbox).every((r) => r.withSeries === true)).toBe(true);
    while ((await fake.answerAll()) > 0) await react();
    const s = store.getState();
    expect(s.status).toBe('done');
    // The same figures as running each seed here, in seed order.
    const outcomes: SeedOutcome[] = ensembleSeeds(edge.seed, 6).map((seed) => {
      const f = runSweepCell({ ...edge, seed });
      return { seed, verdict: f.verdict, recoveryTime: f.recoveryTime };
    });
    expect(s.report).toEqual(ensembleReport(edge.seed, outcomes));
    expect(s.series).toHaveLength(6);
    expect(s.series![0]!.goodput.length).toBe(120);
  });

  it('clamps N to 2 … 100, reports progress, and cancels', async () => {
    const { fake, flushes, store } = setup();
    store.getState().setSeeds(1);
    expect(store.getState().seeds).toBe(2);
    store.getState().setSeeds(1000);
    expect(store.getState().seeds).toBe(100);
    store.getState().setSeeds(10);
    store.getState().start(edge);
    fake.workers[0]!.answerOne();
    await react();
    expect(flushes).toHaveLength(1);
    flushes[0]!();
    expect(store.getState().completed).toBe(1);
    store.getState().cancel();
    expect(store.getState()).toMatchObject({ status: 'cancelled', completed: 1, report: null });
    expect(fake.workers.every((w) => w.terminated)).toBe(true);
  });
});

describe('ensembleWords', () => {
  const report = (stuck: number, n: number): EnsembleReport =>
    ensembleReport(
      1,
      Array.from({ length: n }, (_, i) => ({ seed: i, verdict: i < stuck ? 'metastable' : 'recovered', recoveryTime: i < stuck ? null : 4 })),
    );
  it('speaks of likelihood, from the interval', () => {
    expect(ensembleWords(report(11, 20))).toEqual({ tone: 'warn', text: 'Over 20 seeds it stays stuck on 11 of 20 (95 %: 34–74 %): this load is on the edge — which way it goes is a matter of chance.' });
    expect(ensembleWords(report(19, 20)).text).toMatch(/stays stuck on 19 of 20 \(95 %: 76–99 %\): it is likely to stay stuck/);
    expect(ensembleWords(report(2, 20)).text).toMatch(/usually gets out/);
    expect(ensembleWords(report(0, 20)).text).toMatch(/gets out on every seed tried/);
  });

  it('turns a lesson’s expected verdict into how often it happened', () => {
    expect(expectationWords('metastable', report(14, 20))).toBe('The story expects it to stay stuck; over 20 seeds it did on 14 of 20 (95 %: 48–85 %): as likely as not.');
    expect(expectationWords('metastable', report(20, 20))).toMatch(/did on 20 of 20 \(95 %: 84–100 %\) — every seed\.$/);
    expect(expectationWords('recovered', report(19, 20))).toMatch(/expects it to recover; over 20 seeds it did on 1 of 20 .*: now and then\.$/);
    expect(expectationWords('bogus', report(1, 2))).toBeNull();
  });
});
