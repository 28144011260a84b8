// client.limiter (and the other new client and load fields) as scenario fields: the limit it keeps on the attempts
// in flight, its series, --set, links and live changes.
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from '../../../src/links/index';
import { parseScenario, ScenarioError, Simulation } from '../../../src/sim/index';
import { inProcess } from '../../cli/inProcess';
import { runSeeds } from './helpers';

function erlangB(n: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
  return b;
}

function message(raw: unknown): string {
  try {
    parseScenario({ client: { limiter: raw } });
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  return 'accepted';
}

// An unbounded server with deterministic 0.1-s service: each attempt holds its client-side place exactly 0.1 s.
const UNBOUNDED = { duration: 400, warmup: 20, bin: 5, load: { rate: 100 }, server: { concurrency: null, service: { dist: 'deterministic', mean: 0.1 } } };

describe('client.limiter', () => {
  it('is off by default, takes the library defaults of its kind, and names the field when out of range', () => {
    expect(parseScenario({}).scenario.client.limiter).toBeNull();
    expect(parseScenario({ client: { limiter: { kind: 'aimd' } } }).scenario.client.limiter).toEqual({
      kind: 'aimd', initialLimit: 20, minLimit: 20, maxLimit: 200, backoffRatio: 0.9, timeout: 5,
    });
    expect(message({ kind: 'aimd', backoffRatio: 1 })).toBe('client.limiter.backoffRatio: got 1, expected a number from 0.5 to 1 (exclusive)');
    expect(message({ kind: 'gradiant2' })).toBe('client.limiter.kind: got "gradiant2", expected one of "aimd", "vegas", "gradient2" (did you mean "gradient2"?)');
  });

  it('held at a fixed limit, it is a loss system on the attempts in flight: refusals as Erlang B gives (N = 10, a = 10)', () => {
    const fixed = { kind: 'aimd', initialLimit: 10, minLimit: 10, maxLimit: 10 };
    const results = runSeeds({ ...UNBOUNDED, client: { timeout: null, limiter: fixed } }, [1, 2, 3, 4]);
    const refused = results.reduce((s, r) => s + r.summary.counts.refused, 0);
    const arrivals = results.reduce((s, r) => s + r.summary.counts.arrivals, 0);
    expect(Math.abs(refused / arrivals - erlangB(10, 10))).toBeLessThan(0.01);
    for (const r of results) expect(r.series.clientLimiterLimit.every((v) => v === 10)).toBe(true);
  });

  it('samples each attempt’s round trip: AIMD grows while busy and backs off on timeouts, down to minLimit', () => {
    // 30 slots of 0.1 s (capacity 300/s) at 250/s: about 25 attempts in flight. An outage makes every attempt time out.
    const [r] = runSeeds(
      {
        duration: 120,
        bin: 1,
        load: { rate: 250 },
        client: { timeout: 0.5, limiter: { kind: 'aimd', initialLimit: 20, minLimit: 5, maxLimit: 200 } },
        server: { concurrency: 30, service: { mean: 0.1 } },
        triggers: [{ kind: 'outage', at: 40, duration: 10 }],
      },
      [1],
    );
    const limit = r!.series.clientLimiterLimit as number[];
    // Before the outage, about 25 in flight ≥ limit / 2 lets AIMD add 1 per sample up to where half the limit
    // exceeds what is in flight: around 50.
    expect(Math.max(...limit.slice(20, 40))).toBeGreaterThan(40);
    // In the outage every sample is a drop (timeout): × 0.9 each, down to the floor of 5.
    expect(Math.min(...limit.slice(42, 50))).toBe(5);
    // After it, it grows back.
    expect(Math.max(...limit.slice(100, 120))).toBeGreaterThan(40);
  });
});

describe('the new fields through --set, links and live changes', () => {
  const FIELDS = {
    'client.limiter': { kind: 'vegas', smoothing: 0.5 },
    'client.bulkhead': { maxConcurrentCalls: 40, maxWait: 0.01 },
    'load.priorities': [
      { name: 'critical', share: 0.3 },
      { name: 'sheddable', share: 0.7 },
    ],
  };

  it('reach the command line through --set, and print their series', () => {
    const args = ['run', 'retry-storm', '--set', 'duration=60'];
    for (const [path, value] of Object.entries(FIELDS)) args.push('--set', `${path}=${JSON.stringify(value)}`);
    const r = inProcess(args);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      scenario: { client: { limiter: unknown; bulkhead: unknown }; load: { priorities: unknown } };
      summary: { classes: { name: string; offered: number }[] };
      series: { clientLimiterLimit: (number | null)[]; classes: { name: string; goodput: (number | null)[] }[] };
    };
    expect(out.scenario.client.limiter).toMatchObject({ kind: 'vegas', smoothing: 0.5, maxLimit: 1000 });
    expect(out.scenario.client.bulkhead).toEqual(FIELDS['client.bulkhead']);
    expect(out.scenario.load.priorities).toEqual(FIELDS['load.priorities']);
    expect(out.series.clientLimiterLimit.every((v) => typeof v === 'number')).toBe(true);
    expect(out.summary.classes.map((c) => c.name)).toEqual(['critical', 'sheddable']);
    expect(out.series.classes[1]!.goodput).toHaveLength(60);
    const bad = inProcess(['run', 'retry-storm', '--set', 'client.bulkhead.maxWait=-1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('client.bulkhead.maxWait: got -1, expected a number from 0 to 3600');
  });

  it('a link carries them', () => {
    const scenario = parseScenario({ client: { limiter: FIELDS['client.limiter'], bulkhead: FIELDS['client.bulkhead'] }, load: { priorities: FIELDS['load.priorities'] } }).scenario;
    const decoded = decodeLink(encodeLink({ scenario }));
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.state.scenario.client.limiter).toEqual(scenario.client.limiter);
    expect(decoded.state.scenario.client.bulkhead).toEqual(scenario.client.bulkhead);
    expect(decoded.state.scenario.load.priorities).toEqual(scenario.load.priorities);
  });

  it('change live, recorded as actions: the replay is the same run', () => {
    const live = new Simulation(parseScenario({ duration: 60, load: { rate: 250, priorities: FIELDS['load.priorities'] }, server: { concurrency: 30, queue: { limit: 20 } } }).scenario);
    live.advance(20);
    live.set({ 'client.limiter': { kind: 'aimd' }, 'client.bulkhead': { maxWait: 0.05 } });
    live.advance(40);
    live.set({ 'load.priorities': [{ name: 'critical', share: 0.6 }, { name: 'sheddable', share: 0.4 }], 'client.bulkhead': null });
    live.runToEnd();
    const replay = new Simulation(live.scenario());
    replay.runToEnd();
    expect(live.scenario().actions).toHaveLength(2);
    expect(replay.series()).toEqual(live.series());
    expect(replay.summary()).toEqual(live.summary());
    expect(live.series().clientLimiterLimit[10]).toBeNull();
    expect(live.series().clientLimiterLimit[30]).toBeGreaterThanOrEqual(20);
  });
});
