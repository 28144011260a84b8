import type { Found } from './found';
import type { EffectiveState } from './guard';
import { MAX_BINS, MIN_BIN, MIN_PERIOD, type Timeline } from './schema';
import { missingShard, parseCheck } from '../assertions/parser';
import { checkGraph } from './graphChecks';
import { checkPriorities } from './prioritySpec';
import { quote } from './render';
import type { AssertionSpec, Scenario, Trigger } from './types';

/** Most utilisation checks an autoscaler may make in a run (one a window): each is an event of its own. */
export const MAX_SCALE_CHECKS = 1e7;

/** Rules across fields, checked once every field is valid on its own. */
export function checkCore(s: Omit<Scenario, Timeline>): Found[] {
  const found: Found[] = [];
  if (s.warmup >= s.duration) {
    found.push({
      segments: ['warmup'],
      message: `got ${s.warmup}, expected a number from 0 to ${s.duration} (exclusive): warmup lies inside duration`,
      related: ['warmup', 'duration'],
    });
  }
  const minBin = Math.max(MIN_BIN, s.duration / MAX_BINS);
  if (s.bin > s.duration || s.bin < minBin) {
    found.push({
      segments: ['bin'],
      message:
        `got ${s.bin}, expected a number from ${minBin} to ${s.duration}` +
        ` (at most duration ${s.duration}, and at most ${MAX_BINS} bins)`,
      related: ['bin', 'duration'],
    });
  }
  const profile = s.load.profile;
  if (profile !== null) {
    if (profile.length === 0) {
      found.push({ segments: ['load', 'profile'], message: 'got an empty array, expected null or at least one { "at", "rate" } point' });
    }
    for (let i = 1; i < profile.length; i++) {
      const prev = profile[i - 1]!.at;
      if (profile[i]!.at <= prev) {
        found.push({
          segments: ['load', 'profile', i, 'at'],
          message: `got ${profile[i]!.at}, expected a time after the previous point's ${prev}: points are in increasing order of "at"`,
        });
        break;
      }
    }
  }
  found.push(...checkPriorities(s.load.priorities, s.server.queue.priority));
  if (s.fanout !== null && s.partitions !== null) {
    found.push({
      segments: ['partitions'],
      message: 'got both fanout and partitions, expected at most one of them: a request either calls n backends or one shard',
      related: ['fanout', 'partitions'],
    });
  }
  if (s.fanout !== null && s.fanout.quorum !== null && s.fanout.quorum > s.fanout.n) {
    found.push({
      segments: ['fanout', 'quorum'],
      message: `got ${s.fanout.quorum}, expected null or an integer from 1 to fanout.n (${s.fanout.n})`,
      related: ['fanout.quorum', 'fanout.n'],
    });
  }
  found.push(...checkGraph(s));
  const autoscale = s.server.autoscale;
  if (autoscale !== null && s.duration / autoscale.window > MAX_SCALE_CHECKS) {
    const minWindow = Math.max(MIN_PERIOD, s.duration / MAX_SCALE_CHECKS);
    found.push({
      segments: ['server', 'autoscale', 'window'],
      message:
        `got ${autoscale.window}, expected a number from ${minWindow} to 3600` +
        ` (the autoscaler checks once a window: at most ${MAX_SCALE_CHECKS} checks in duration ${s.duration})`,
      related: ['server.autoscale.window', 'duration'],
    });
  }
  if (s.server.autoscale !== null && s.server.concurrency === null) {
    found.push({
      segments: ['server', 'autoscale'],
      message: 'needs a bounded server.concurrency (got null): autoscaling adds slots to a finite number of them',
      related: ['server.autoscale', 'server.concurrency'],
    });
  }
  return found;
}

/** The servers a scenario has: fan-out backends, shards, or the one server. */
export function stationCount(s: Pick<Scenario, 'fanout' | 'partitions'>): number {
  return s.fanout?.n ?? s.partitions?.shards ?? 1;
}

export function checkTriggers(triggers: readonly Trigger[], stations: number, graph: Scenario['graph'] = null): Found[] {
  const found: Found[] = [];
  triggers.forEach((t, i) => {
    // In a graph the stations are the replicas of the service the trigger names (the entry when it names none).
    const target = graph === null || !('service' in t) ? null : (graph.services.find((s) => s.name === (t.service ?? graph.services[0]!.name)) ?? null);
    const n = graph === null ? stations : (target?.replicas ?? graph.services[0]!.replicas);
    const what = graph === null ? 'the backends or shards this scenario has: fanout.n or partitions.shards' : `the replicas of service "${target?.name ?? graph.services[0]!.name}"`;
    if ((t.kind === 'outage' || t.kind === 'random-outages') && t.stations !== null && t.stations > n) {
      found.push({
        segments: ['triggers', i, 'stations'],
        message: `got ${t.stations}, expected ${t.kind === 'outage' ? 'null or ' : ''}an integer from 1 to ${n} (${what})`,
      });
    }
    if (t.kind === 'random-outages' && t.window < t.duration) {
      found.push({
        segments: ['triggers', i, 'window'],
        message: `got ${t.window}, expected a number from the trigger's duration (${t.duration}) to 10000000: every outage must fit in the window`,
      });
    }
    if (t.kind === 'capacity' && t.factor === 1 && t.slots === 0) {
      found.push({
        segments: ['triggers', i],
        message: 'a capacity trigger with factor 1 and slots 0 would change nothing: give a factor other than 1, or slots above 0',
      });
    }
  });
  return found;
}

/** A check may name a shard's series only when the scenario has that shard (or fan-out backend). */
export function checkAssertions(assertions: readonly AssertionSpec[], stations: number): Found[] {
  const found: Found[] = [];
  assertions.forEach((a, i) => {
    const missing = missingShard(parseCheck(a.check), stations);
    if (missing !== null) found.push({ segments: ['assertions', i, 'check'], message: `${quote(a.check)}: ${missing.message}` });
  });
  return found;
}

/**
 * A cache flush needs a cache at its time: the scenario as the actions before it left it (actions at the
 * same instant apply after trigger starts). Otherwise the run would list a trigger that did nothing.
 * `states` are the scenario and the state after each action, in firing order.
 */
export function checkCacheFlushes(triggers: readonly Trigger[], actions: readonly { at: number }[], states: readonly EffectiveState[]): Found[] {
  const found: Found[] = [];
  triggers.forEach((t, i) => {
    if (t.kind !== 'cache-flush') return;
    let current = states[0]?.scenario;
    for (const state of states) {
      if (state.action === null) continue;
      if ((actions[state.action]?.at ?? Infinity) >= t.at) break;
      current = state.scenario;
    }
    if (current === undefined || current.cache !== null) return;
    found.push({
      segments: ['triggers', i, 'kind'],
      message: `got "cache-flush" at ${t.at} s, when the scenario has no cache (cache is null): there is nothing to flush; add a "cache" section, or turn it on by an action before then`,
    });
  });
  return found;
}
