import { describe, expect, it } from 'vitest';
import { edgeLabel, layoutServiceMap, MAP_SIZES, replicaMarks, serviceDepths, serviceHeat, type MapGraph } from '../../src/viz/serviceMap';

const call = (to: string, count = 1, maxRetries = 0) => ({ to, count, retry: { maxRetries } });
const svc = (name: string, calls: ReturnType<typeof call>[] = [], replicas = 1) => ({ name, replicas, calls });

/** front → api → db, front → cache, api → db again (so db is two calls deep). */
const DIAMOND: MapGraph = {
  services: [svc('front', [call('api', 1, 2), call('cache')]), svc('api', [call('db', 3, 1)], 3), svc('cache'), svc('db', [], 2)],
};

function overlaps(a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('service map layout', () => {
  it('puts each service one column right of its deepest caller, the entry first', () => {
    expect(serviceDepths(DIAMOND)).toEqual([1, 2, 2, 3]);
    // db called from the entry too: still right of api, which also calls it.
    const both: MapGraph = { services: [svc('front', [call('db'), call('api')]), svc('api', [call('db')]), svc('db')] };
    expect(serviceDepths(both)).toEqual([1, 2, 3]);
  });

  it('every arrow runs left to right from its caller’s right side to its callee’s left side; boxes do not overlap', () => {
    const layout = layoutServiceMap(DIAMOND, 2);
    const { nodes, edges, users } = layout;
    expect(nodes.map((n) => n.name)).toEqual(['front', 'api', 'cache', 'db']);
    expect(nodes.map((n) => n.replicas)).toEqual([1, 3, 1, 2]);
    for (const e of edges) {
      expect(e.x2).toBeGreaterThan(e.x1);
      const to = nodes[e.to]!;
      expect(e.x2).toBe(to.x);
      expect(e.y2).toBe(to.y + to.h / 2);
      const fromBox = e.from === -1 ? users : nodes[e.from]!;
      expect(e.x1).toBe(fromBox.x + fromBox.w);
      expect(e.y1).toBeGreaterThanOrEqual(fromBox.y);
      expect(e.y1).toBeLessThanOrEqual(fromBox.y + fromBox.h);
    }
    const boxes = [users, ...nodes];
    for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) expect(overlaps(boxes[a]!, boxes[b]!)).toBe(false);
    for (const box of boxes) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.w).toBeLessThanOrEqual(layout.width);
      expect(box.y + box.h).toBeLessThanOrEqual(layout.height);
    }
    // Two columns of services after the users, three deep.
    expect(layout.width).toBe(MAP_SIZES.pad * 2 + MAP_SIZES.usersW + 3 * (MAP_SIZES.columnGap + MAP_SIZES.nodeW));
  });

  it('labels the users’ arrow and each call edge with the count and the retries', () => {
    const labels = layoutServiceMap(DIAMOND, 2).edges.map((e) => [e.from, e.to, e.label]);
    expect(labels).toEqual([
      [-1, 0, '×1, 2 retries'],
      [0, 1, '×1, 2 retries'],
      [0, 2, '×1'],
      [1, 3, '×3, 1 retry'],
    ]);
    expect(edgeLabel(3, 0)).toBe('×3');
  });

  it('a one-service graph is the users and the entry', () => {
    const layout = layoutServiceMap({ services: [svc('solo')] }, 0);
    expect(layout.nodes).toHaveLength(1);
    expect(layout.edges).toEqual([expect.objectContaining({ from: -1, to: 0, label: '×1' })]);
  });

  it('a cycle (refused by the scenario checks) still lays out, without hanging', () => {
    const loop: MapGraph = { services: [svc('a', [call('b')]), svc('b', [call('c')]), svc('c', [call('b')])] };
    const layout = layoutServiceMap(loop, 0);
    expect(layout.nodes.every((n) => n.depth >= 1)).toBe(true);
  });

  it('a node is hot at 90 % utilisation or with any errors, and says why', () => {
    expect(serviceHeat(0.89, 0)).toEqual({ hot: false, reason: null });
    expect(serviceHeat(0.9, 0)).toEqual({ hot: true, reason: 'saturated' });
    expect(serviceHeat(0.2, 0.5)).toEqual({ hot: true, reason: 'errors' });
    expect(serviceHeat(0.95, 3).hot).toBe(true);
    expect(serviceHeat(NaN, NaN).hot).toBe(false);
  });
});

describe('replica marks', () => {
  const trig = (kind: string, at: number, duration: number, where: { service?: string; replica?: number; stations?: number | null } = {}) => ({ kind, at, duration, ...where });

  it('marks the replicas a trigger in force hits: one named, the first `stations` of an outage, or all; the entry when no service is named', () => {
    const triggers = [trig('outage', 10, 5, { service: 'back', replica: 2 }), trig('errors', 0, 100, { service: 'back' }), trig('capacity', 0, 100), trig('outage', 50, 5, { service: 'back', stations: 2 })];
    expect(replicaMarks(triggers, 'back', 'front', 4, 12)).toEqual(['errors', 'errors', 'outage', 'errors']);
    // Ended: the outage no longer shows (a trigger is in force on [at, at + duration)).
    expect(replicaMarks(triggers, 'back', 'front', 4, 15)).toEqual(['errors', 'errors', 'errors', 'errors']);
    expect(replicaMarks(triggers, 'back', 'front', 4, 51)).toEqual(['outage', 'outage', 'errors', 'errors']);
    expect(replicaMarks(triggers, 'front', 'front', 2, 12)).toEqual(['capacity', 'capacity']);
    expect(replicaMarks(triggers, 'back', 'front', 4, 200)).toEqual([null, null, null, null]);
  });

  it('shows no spike, cache flush or random outages, and no replica past the last', () => {
    const triggers = [trig('spike', 0, 10), trig('random-outages', 0, 10, { stations: 2 }), { kind: 'cache-flush', at: 0 }, trig('errors', 0, 10, { replica: 7 })];
    expect(replicaMarks(triggers, 'front', 'front', 3, 5)).toEqual([null, null, null]);
  });
});

describe('calls that skip a column', () => {
  it('arc over the boxes between, in a band kept free above them; direct calls do not', () => {
    const skip: MapGraph = { services: [svc('front', [call('db'), call('api')]), svc('api', [call('db')]), svc('db')] };
    const layout = layoutServiceMap(skip, 0);
    const over = layout.edges.filter((e) => e.over !== null);
    expect(over.map((e) => [e.from, e.to])).toEqual([[0, 2]]);
    const lowestTop = Math.min(...layout.nodes.map((n) => n.y), layout.users.y);
    expect(over[0]!.over).toBeLessThan(lowestTop);
    expect(over[0]!.over).toBeGreaterThan(0);
    // Without a skipping call there is no band: the boxes start at the padding.
    const chain = layoutServiceMap({ services: [svc('a', [call('b')]), svc('b')] }, 0);
    expect(chain.edges.every((e) => e.over === null)).toBe(true);
    expect(Math.min(...chain.nodes.map((n) => n.y))).toBe(MAP_SIZES.pad);
    expect(layout.height).toBe(chain.height + MAP_SIZES.overBand);
    // Two skipping calls take two lanes, apart by a band each.
    const two = layoutServiceMap({ services: [svc('a', [call('c'), call('b'), call('d')]), svc('b', [call('c')]), svc('c', [call('d')]), svc('d')] }, 0);
    const lanes = two.edges.filter((e) => e.over !== null).map((e) => [e.to, e.over!] as const);
    // a → d (three columns on) runs above a → c (two columns on).
    expect(lanes.map(([to]) => to)).toEqual([2, 3]);
    expect(lanes[0]![1] - lanes[1]![1]).toBe(MAP_SIZES.overBand);
    expect(Math.max(...lanes.map(([, y]) => y))).toBeLessThan(Math.min(...two.nodes.map((n) => n.y)));
  });
});
