import { describe, expect, it } from 'vitest';
import { findPreset, parseScenario, runScenario, type RunResult } from '../../src/sim/index';
import { SERVICE_METRICS, type ServiceMetric } from '../../src/sim/format';
import { ServiceBuffer } from '../../src/state/index';
import { SimSession } from '../../src/worker/session';

/** A small graph: a front calling a back end of three replicas with a timeout. */
export const SMALL_GRAPH = {
  duration: 60,
  load: { rate: 40 },
  graph: {
    services: [
      { name: 'front', concurrency: 20, calls: [{ to: 'back', timeout: 0.5 }] },
      { name: 'back', replicas: 3, balancer: 'power-of-two', concurrency: 10 },
    ],
  },
};

/** Run a session to its end in steps of `stepS`, writing each frame's per-service bins into a buffer. */
function runSliced(input: unknown, stepS: number) {
  const session = new SimSession(() => 0);
  session.start(input);
  const buffer = new ServiceBuffer();
  let nowS = 0;
  for (let done = false; !done; ) {
    const frame = session.step({ toS: nowS + stepS });
    buffer.write(frame.fromBin, frame.bins, frame.services);
    nowS = frame.nowS;
    done = frame.done;
  }
  return { buffer, session };
}

/** The buffer's series in the CLI's JSON shape (service → metric → values, null for no sample). */
function asJson(buffer: ServiceBuffer): NonNullable<RunResult['services']> {
  const out: NonNullable<RunResult['services']> = {};
  buffer.services.forEach((name, s) => {
    const series: Record<string, (number | null)[]> = {};
    for (const m of SERVICE_METRICS) {
      series[m] = Array.from({ length: buffer.length }, (_, i) => {
        const v = buffer.at(i, s, m);
        return Number.isNaN(v) ? null : v;
      });
    }
    out[name] = series;
  });
  return out;
}

describe('SimSession on a graph of services', () => {
  it('frames carry every service’s bins: stitched together they equal the CLI run’s services, however the run is sliced', () => {
    const expected = runScenario(parseScenario(SMALL_GRAPH).scenario).services;
    expect(expected).toBeDefined();
    expect(Object.keys(expected!)).toEqual(['front', 'back']);
    for (const stepS of [1, 7, 25]) {
      const { buffer } = runSliced(SMALL_GRAPH, stepS);
      expect(buffer.length).toBe(60);
      expect(JSON.stringify(asJson(buffer))).toBe(JSON.stringify(expected));
    }
  });

  it('the run’s result (the exports’ JSON) holds the services, as the CLI prints them', () => {
    const { session } = runSliced(SMALL_GRAPH, 60);
    const cli = runScenario(parseScenario(SMALL_GRAPH).scenario);
    const result = session.result();
    expect(JSON.stringify(result.services)).toBe(JSON.stringify(cli.services));
    expect(JSON.stringify(result.serviceSummary)).toBe(JSON.stringify(cli.serviceSummary));
    expect(result.serviceSummary?.map((s) => s.name)).toEqual(['front', 'back']);
    expect(JSON.stringify(result.series)).toBe(JSON.stringify(cli.series));
  });

  it('a one-server run’s frames carry no services, and its result none', () => {
    const session = new SimSession(() => 0);
    session.start(findPreset('retry-storm')!.scenario);
    const frame = session.step({ toS: 10 });
    expect(frame.services).toBeNull();
    expect(session.result().services).toBeUndefined();
  });

  it('an errors trigger injected on a named service makes that service answer errors, and only there', () => {
    const session = new SimSession(() => 0);
    session.start(SMALL_GRAPH);
    const buffer = new ServiceBuffer();
    const take = (toS: number) => {
      const frame = session.step({ toS });
      buffer.write(frame.fromBin, frame.bins, frame.services);
    };
    take(10);
    const info = session.inject({ kind: 'errors', duration: 20, rate: 1, service: 'back' });
    expect(info.recorded.triggers.at(-1)).toMatchObject({ kind: 'errors', service: 'back', at: 10 });
    take(30);
    const back = buffer.indexOf('back');
    const sum = (s: number, m: ServiceMetric, from: number, to: number) => {
      let total = 0;
      for (let i = from; i < to; i++) total += buffer.at(i, s, m) || 0;
      return total;
    };
    expect(sum(back, 'errors', 0, 10)).toBe(0);
    // Every call to the back end fails while the fault lasts: its errors are its arrivals.
    expect(sum(back, 'errors', 11, 29)).toBeCloseTo(sum(back, 'arrivals', 11, 29), 6);
    expect(sum(back, 'errors', 11, 29)).toBeGreaterThan(0);
    // The front fails every call whose dependency failed: during the fault, all of them (give or take the calls
    // that straddle a bin's edge); before it, only the few whose back-end call timed out.
    const front = buffer.indexOf('front');
    const frontArrivals = sum(front, 'arrivals', 11, 29);
    expect(Math.abs(sum(front, 'errors', 11, 29) - frontArrivals)).toBeLessThanOrEqual(frontArrivals / 18);
    expect(sum(front, 'errors', 0, 10)).toBeLessThan(sum(front, 'arrivals', 0, 10) / 10);
  });

  it('refuses a trigger on a service the graph does not have, naming the field', () => {
    const session = new SimSession(() => 0);
    session.start(SMALL_GRAPH);
    session.step({ toS: 5 });
    expect(() => session.inject({ kind: 'errors', duration: 5, rate: 1, service: 'nowhere' })).toThrow(/service/);
  });

  it('a service’s figures in a bin are its series there', () => {
    const { buffer } = runSliced(SMALL_GRAPH, 60);
    const cli = runScenario(parseScenario(SMALL_GRAPH).scenario).services!;
    const last = buffer.length - 1;
    const figures = buffer.figures(last, 1);
    for (const m of SERVICE_METRICS) expect(figures[m]).toBe(cli['back']![m]![last] ?? NaN);
    expect(figures.arrivals).toBeGreaterThan(0);
  });
});
