import { runScenario } from './engine/runScenario';
import { parseScenario, type Scenario } from './scenario/index';
import { quorumSlowFraction } from './theory';

// How a fan-out's whole-request tail grows with the number of backends (lesson 4): the scenario's
// backends, load and hedging, run at several fan-out widths without triggers, beside the closed
// form for independent backends.

/** Backend calls one point may cost: about half a second of engine time here. */
const CALLS_PER_POINT = 2_000_000;
/**
 * Requests per point, at most. The closed form's p comes from the one-backend point, and its error
 * is multiplied by about n(1 − p)^(n−1) at width n (37 at n = 100, p = 1%): 200 000 requests keep
 * that under a percentage point; a width of 100 still gets 20 000, twenty beyond its p99.9.
 */
const MAX_REQUESTS = 200_000;
/** Longest simulated span of one point, seconds (a very slow load gets fewer requests). */
const MAX_SPAN = 1e6;
/** Bins of one point, at most: the study reads only the summary. */
const POINT_BINS = 2000;
/** Requests per point, at least, however wide the fan-out. */
const MIN_REQUESTS = 2_000;

/** Stragglers the scenario tolerates (n − quorum), kept at every width. */
function tolerated(scenario: Scenario): number {
  const f = scenario.fanout;
  return f === null || f.quorum === null ? 0 : f.n - f.quorum;
}

/** The quorum at width n that tolerates as many stragglers as the scenario does. */
export function quorumAt(scenario: Scenario, n: number): number {
  return Math.max(1, n - tolerated(scenario));
}

/** Requests one point runs at width n. */
export function requestsAt(n: number): number {
  return Math.max(MIN_REQUESTS, Math.min(MAX_REQUESTS, Math.floor(CALLS_PER_POINT / n)));
}

/** Arrival rate of the scenario's load, per second (a closed loop at its fastest). */
function rateOf(scenario: Scenario): number {
  const { load } = scenario;
  if (load.clients !== null) return load.clients / load.thinkTime;
  return load.rate;
}

/**
 * The scenario at fan-out width n for one point of the study: the same backends, client and seed,
 * steady open-loop load at its rate, no triggers or actions, long enough for `requestsAt(n)`
 * requests after the warm-up, and `slo` as the objective.
 */
export function fanoutPointScenario(scenario: Scenario, n: number, slo: number | null): Scenario {
  const rate = Math.max(1e-3, rateOf(scenario));
  const wanted = Math.min(MAX_SPAN, requestsAt(n) / rate);
  const bin = Math.max(scenario.bin, Math.ceil(wanted / POINT_BINS));
  const span = Math.ceil(wanted / bin) * bin;
  const warmup = Math.min(Math.ceil(scenario.warmup / bin) * bin, span);
  const quorum = quorumAt(scenario, n);
  return {
    ...scenario,
    duration: warmup + span,
    bin,
    warmup,
    load: { ...scenario.load, clients: null, rate, profile: null },
    client: { ...scenario.client, slo },
    fanout: { n, quorum: quorum === n ? null : quorum, hedge: scenario.fanout?.hedge ?? null },
    partitions: null,
    triggers: [],
    actions: [],
  };
}

export interface FanoutPoint {
  n: number;
  quorum: number;
  /** Requests after the warm-up. */
  requests: number;
  /** Share of requests slower than the objective (or not answered). */
  sloMiss: number | null;
  p99: number | null;
  p999: number | null;
  amplification: number | null;
}

/** Run one point of the study (validated scenarios only: the fan-out fields stay in range). */
export function measureFanout(scenario: Scenario, n: number, slo: number | null): FanoutPoint {
  const { summary } = runScenario(parseScenario(fanoutPointScenario(scenario, n, slo)).scenario);
  return {
    n,
    quorum: quorumAt(scenario, n),
    requests: summary.counts.arrivals,
    sloMiss: summary.sloMiss,
    p99: summary.latency.p99,
    p999: summary.latency.p999,
    amplification: summary.amplification,
  };
}

/**
 * The objective the study counts slow requests against: the scenario's `client.slo`, or else the
 * p99 of the requests one backend alone answers (so, without timeouts, about 1% of single calls
 * miss it and the closed form starts near 1%).
 */
export function studyObjective(scenario: Scenario): number | null {
  if (scenario.client.slo !== null) return scenario.client.slo;
  return measureFanout(scenario, 1, null).p99;
}

/** The closed form at width n from the single backend's miss rate p1: P(more than n − quorum calls slow). */
export function fanoutClosedForm(scenario: Scenario, n: number, p1: number): number {
  return quorumSlowFraction(n, quorumAt(scenario, n), p1);
}
