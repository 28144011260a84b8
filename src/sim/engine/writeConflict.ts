import type { Scenario } from '../scenario/types';
import { backoffDelay } from './backoff';
import { C, COUNTER_COUNT } from './counters';
import { EventQueue } from './eventQueue';
import { LogHistogram } from './histogram';
import type { RunResult, RunSeries } from './result';
import { SERIES_NAMES } from './result';
import { Rng, Stream } from './rng';
import { buildSummary } from './summary';

/** The read step ended: the write step starts. */
const EV_READ = 0;
const EV_WRITE = 1;
const EV_RETRY = 2;

/**
 * Brooker's write-conflict model ("Exponential Backoff and Jitter", AWS Architecture Blog,
 * 2015): N clients each commit one write to one record. An attempt reads the record's version,
 * then writes, each step one network delay |Normal(mean, sd)|; the write commits only if no
 * other write committed since the read. The version is taken when the attempt starts and the
 * write lands when its step ends, so the conflict window spans both steps (this reproduces the
 * published figures for the jittered strategies within about 15%). A client whose write fails sleeps for its backoff
 * (client.retry: backoff, jitter, base, cap) and tries again until it commits.
 * `counts.attempts` is the total of attempts (calls); `completionTime` is when the last client
 * committed, or null if some had not by the end of the run.
 */
export function runWriteConflict(s: Scenario): RunResult {
  const n = s.writeConflict.clients;
  const { delayMean, delaySd } = s.writeConflict;
  const net = new Rng(s.seed, Stream.network);
  const jit = new Rng(s.seed, Stream.jitter);
  const delay = (): number => Math.abs(delayMean + delaySd * net.normal());

  const q = new EventQueue(2 * n + 16);
  const readVersion = new Float64Array(n);
  const failures = new Int32Array(n);
  const prevSleep = new Float64Array(n).fill(s.client.retry.base);
  const startedAt = new Float64Array(n);
  const latency = new LogHistogram();
  const c = new Float64Array(COUNTER_COUNT);
  const nBins = Math.max(1, Math.ceil(s.duration / s.bin - 1e-9));
  const binAttempts = new Float64Array(nBins);
  const binCommits = new Float64Array(nBins);
  let version = 0;
  let committed = 0;
  let lastCommit = 0;

  const sleepFor = (client: number): number => {
    const d = backoffDelay(s.client.retry, failures[client]!, prevSleep[client]!, jit);
    prevSleep[client] = d;
    return d;
  };
  const binOf = (t: number): number => Math.min(nBins - 1, Math.floor(t / s.bin));
  const startAttempt = (client: number, t: number): void => {
    c[C.attempts]!++;
    binAttempts[binOf(t)]!++;
    readVersion[client] = version;
    q.push(t + delay(), EV_READ, client, 0);
  };

  for (let i = 0; i < n; i++) {
    c[C.arrivals]!++;
    startedAt[i] = 0;
    startAttempt(i, 0);
  }
  while (q.size > 0 && q.peekTime() < s.duration) {
    q.pop();
    const t = q.time;
    const client = q.id;
    if (q.kind === EV_READ) {
      q.push(t + delay(), EV_WRITE, client, 0);
    } else if (q.kind === EV_WRITE) {
      if (readVersion[client] === version) {
        version++;
        committed++;
        lastCommit = t;
        c[C.succeeded]!++;
        c[C.completed]!++;
        binCommits[binOf(t)]!++;
        latency.add(t - startedAt[client]!);
      } else {
        c[C.rejected]!++;
        failures[client]!++;
        q.push(t + sleepFor(client), EV_RETRY, client, 0);
      }
    } else {
      startAttempt(client, t);
    }
  }

  const series = {} as RunSeries;
  for (const name of SERIES_NAMES) series[name] = new Array<number | null>(nBins).fill(null);
  for (let i = 0; i < nBins; i++) {
    const len = Math.min(s.bin, s.duration - i * s.bin);
    series.t[i] = i * s.bin;
    series.offered[i] = i === 0 ? n / len : 0;
    series.attempts[i] = binAttempts[i]! / len;
    series.throughput[i] = binCommits[i]! / len;
    series.goodput[i] = binCommits[i]! / len;
    series.rejected[i] = (binAttempts[i]! - binCommits[i]!) / len;
    for (const zero of ['wasted', 'queue', 'inService', 'failed', 'timedOut', 'errors'] as const) series[zero][i] = 0;
  }
  const summary = buildSummary({
    c,
    warm: new Float64Array(COUNTER_COUNT),
    windowS: s.duration,
    latency,
    failLatency: new LogHistogram(),
    serverLatency: new LogHistogram(),
    inFlight: n - committed,
    verdict: { verdict: committed === n ? 'stable' : 'unresolved', recoveryTime: null, lastBadEndS: null },
    rescue: null,
    hasCache: false,
    bounded: false,
    slo: null,
    endS: s.duration,
    stopped: null,
    fanout: 1,
    shards: null,
    longestWait: null,
    firstShed: null,
    classes: null,
  });
  summary.completionTime = committed === n ? lastCommit : null;
  return { scenario: s, summary, series };
}
