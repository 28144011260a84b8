import { suggestion } from './didYouMean';
import type { Found } from './found';
import type { GraphSpec } from './graphTypes';
import type { Scenario, Trigger } from './types';

// Rules across the fields of a graph of services (docs/scenario.md, "Graphs of services").

/** Problems of `graph` against the rest of the scenario and within itself. */
export function checkGraph(s: Pick<Scenario, 'graph' | 'model' | 'fanout' | 'partitions' | 'cache' | 'load'>): Found[] {
  const g = s.graph;
  if (g === null) return [];
  const found: Found[] = [];
  if (s.model !== 'queue') found.push({ segments: ['graph'], message: 'needs model "queue": the write-conflict model has no services' });
  for (const key of ['fanout', 'partitions', 'cache'] as const) {
    if (s[key] !== null) {
      found.push({
        segments: [key],
        message: `got a ${key} section with a graph, expected null: a graph's services replace the one server (describe replicas and dependency calls in graph.services)`,
        related: [key, 'graph'],
      });
    }
  }
  if (s.load.priorities !== null) {
    found.push({
      segments: ['load', 'priorities'],
      message: 'got priority classes with a graph, expected null: a graph of services does not carry classes yet (they work with the one server)',
      related: ['load.priorities', 'graph'],
    });
  }
  const names = g.services.map((x) => x.name);
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (index.has(name)) found.push({ segments: ['graph', 'services', i, 'name'], message: `got "${name}" again, expected a name no other service has` });
    else index.set(name, i);
  });
  g.services.forEach((svc, i) => {
    svc.calls.forEach((edge, j) => {
      if (!index.has(edge.to)) {
        found.push({
          segments: ['graph', 'services', i, 'calls', j, 'to'],
          message: `got "${edge.to}", expected one of ${names.map((n) => JSON.stringify(n)).join(', ')}${suggestion(edge.to, names)}`,
        });
      }
    });
    const steps = svc.calls.reduce((n, e) => n + e.count, 0);
    if (svc.quorum !== null && svc.quorum > steps) {
      found.push({
        segments: ['graph', 'services', i, 'quorum'],
        message: `got ${svc.quorum}, expected null or an integer from 1 to ${steps} (the calls it makes: the sum of its calls' counts)`,
      });
    }
  });
  if (found.length === 0) {
    const cycle = findCycle(g, index);
    if (cycle !== null) {
      found.push({
        segments: ['graph', 'services', cycle.at, 'calls', cycle.edge, 'to'],
        message: `calls form a cycle (${cycle.path.join(' → ')}), expected a graph without cycles: a call would wait on itself`,
      });
    }
  }
  return found;
}

function findCycle(g: GraphSpec, index: ReadonlyMap<string, number>): { at: number; edge: number; path: string[] } | null {
  const state = new Uint8Array(g.services.length);
  const stack: number[] = [];
  const visit = (i: number): { at: number; edge: number; path: string[] } | null => {
    state[i] = 1;
    stack.push(i);
    const calls = g.services[i]!.calls;
    for (let j = 0; j < calls.length; j++) {
      const to = index.get(calls[j]!.to)!;
      if (state[to] === 1) {
        const path = [...stack.slice(stack.indexOf(to)), to].map((k) => g.services[k]!.name);
        return { at: i, edge: j, path };
      }
      if (state[to] === 0) {
        const found = visit(to);
        if (found !== null) return found;
      }
    }
    stack.pop();
    state[i] = 2;
    return null;
  };
  for (let i = 0; i < g.services.length; i++) {
    if (state[i] !== 0) continue;
    const found = visit(i);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Calls a user's attempt may cause at most, the entry's own included: 1 + W(entry), where a service's
 * W(s) = Σ over its calls of count × (1 + maxRetries) × (1 + W(callee)). A graph without cycles (checked first).
 */
export function graphCallsPerAttempt(g: GraphSpec): number {
  const index = new Map(g.services.map((s, i) => [s.name, i]));
  const memo = new Map<number, number>();
  const w = (i: number): number => {
    const known = memo.get(i);
    if (known !== undefined) return known;
    let total = 0;
    for (const edge of g.services[i]!.calls) total += edge.count * (1 + edge.retry.maxRetries) * (1 + w(index.get(edge.to) ?? i));
    memo.set(i, total);
    return total;
  };
  return 1 + w(0);
}

/** A trigger may name a service (and replica) only in a graph, and only one the graph has. */
export function checkTriggerTargets(triggers: readonly Trigger[], graph: GraphSpec | null): Found[] {
  const found: Found[] = [];
  const names = graph?.services.map((s) => s.name) ?? [];
  triggers.forEach((t, i) => {
    if (!('service' in t) && !('replica' in t)) return;
    const target = t as { service?: string; replica?: number };
    if (graph === null) {
      const key = target.service !== undefined ? 'service' : 'replica';
      found.push({ segments: ['triggers', i, key], message: `names a ${key}, which only a scenario with a graph of services has (graph is null): remove it` });
      return;
    }
    const s = target.service === undefined ? 0 : names.indexOf(target.service);
    if (s < 0) {
      found.push({
        segments: ['triggers', i, 'service'],
        message: `got "${target.service}", expected one of ${names.map((n) => JSON.stringify(n)).join(', ')}${suggestion(target.service ?? '', names)}`,
      });
      return;
    }
    const replicas = graph.services[s]!.replicas;
    if (target.replica !== undefined && target.replica >= replicas) {
      found.push({
        segments: ['triggers', i, 'replica'],
        message: `got ${target.replica}, expected an integer from 0 to ${replicas - 1} (service "${names[s]}" has ${replicas} replica${replicas === 1 ? '' : 's'})`,
      });
    }
  });
  return found;
}
