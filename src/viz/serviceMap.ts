/**
 * The service map's layout: the users, then the services in columns by depth from the entry (the longest chain of
 * calls that reaches them, so every call goes left to right), and an arrow for every call edge labelled with its
 * count and retries. A pure function of the graph, so it is computed once per scenario and tested alone.
 */

/** What the layout needs of a graph (the scenario's `graph`, normalised). */
export interface MapGraph {
  services: readonly {
    name: string;
    replicas: number;
    calls: readonly { to: string; count: number; retry: { maxRetries: number } }[];
  }[];
}

export interface MapBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface MapNode extends MapBox {
  name: string;
  /** Index in the graph's services (the entry is 0). */
  index: number;
  /** Column: 1 for the entry (the users are column 0). */
  depth: number;
  replicas: number;
}

export interface MapEdge {
  /** Caller's service index; -1 for the users. */
  from: number;
  to: number;
  count: number;
  retries: number;
  /** "×1", "×3, 2 retries". */
  label: string;
  /** Start (the caller's right side) and end (the callee's left side) of the arrow. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** A call that skips a column passes over the boxes between: the height of its highest point; null for a direct arrow. */
  over: number | null;
}

export interface MapLayout {
  width: number;
  height: number;
  users: MapBox;
  nodes: MapNode[];
  edges: MapEdge[];
}

export const MAP_SIZES = { nodeW: 168, nodeH: 128, usersW: 72, usersH: 40, columnGap: 92, rowGap: 18, pad: 8, overBand: 26 } as const;

/** "×3", "×1, 1 retry", "×3, 2 retries". */
export function edgeLabel(count: number, retries: number): string {
  return `×${count}${retries > 0 ? `, ${retries} ${retries === 1 ? 'retry' : 'retries'}` : ''}`;
}

/** Each service's column: 1 + the longest chain of calls from the entry to it (1 for the entry, and for a service nothing calls). */
export function serviceDepths(graph: MapGraph): number[] {
  const n = graph.services.length;
  const index = new Map(graph.services.map((s, i) => [s.name, i]));
  const callers: number[][] = graph.services.map(() => []);
  graph.services.forEach((s, i) => {
    for (const c of s.calls) {
      const j = index.get(c.to);
      if (j !== undefined && j !== i) callers[j]!.push(i);
    }
  });
  const depth = new Array<number>(n).fill(0);
  const visiting = new Array<boolean>(n).fill(false);
  const depthOf = (i: number): number => {
    if (depth[i]! > 0) return depth[i]!;
    // A cycle (refused by the scenario's checks) must not hang the page: a caller on the current path counts as none.
    visiting[i] = true;
    let d = 1;
    if (i !== 0) for (const c of callers[i]!) if (!visiting[c]) d = Math.max(d, depthOf(c) + 1);
    visiting[i] = false;
    depth[i] = d;
    return d;
  };
  for (let i = 0; i < n; i++) depthOf(i);
  return depth;
}

/** Lay out `graph` for a map; `userRetries` are the users' client retries (the label of the users → entry arrow). */
export function layoutServiceMap(graph: MapGraph, userRetries: number): MapLayout {
  const { nodeW, nodeH, usersW, usersH, columnGap, rowGap, pad, overBand } = MAP_SIZES;
  const depths = serviceDepths(graph);
  const index = new Map(graph.services.map((s, i) => [s.name, i]));
  // Calls that skip a column pass above the boxes, each in a lane of its own in a band kept free at the top.
  const skips = graph.services.reduce((n, s, i) => n + s.calls.filter((c) => (depths[index.get(c.to) ?? i] ?? 0) - depths[i]! > 1).length, 0);
  const top = skips * overBand;
  const columns = Math.max(1, ...depths);
  // Rows: services in their column in the order they first appear in a breadth-first walk of the calls from the
  // entry (callees stay near their callers), then any the walk missed, in the graph's order.
  const order = walkOrder(graph);
  const rows: number[][] = Array.from({ length: columns + 1 }, () => []);
  for (const i of order) rows[depths[i]!]!.push(i);
  const tallest = Math.max(1, ...rows.map((r) => r.length));
  const height = top + pad * 2 + tallest * nodeH + (tallest - 1) * rowGap;
  const colX = (d: number) => pad + usersW + columnGap + (d - 1) * (nodeW + columnGap);
  const nodes: MapNode[] = new Array<MapNode>(graph.services.length);
  for (let d = 1; d <= columns; d++) {
    const col = rows[d]!;
    const colH = col.length * nodeH + (col.length - 1) * rowGap;
    col.forEach((i, r) => {
      const s = graph.services[i]!;
      nodes[i] = { name: s.name, index: i, depth: d, replicas: s.replicas, x: colX(d), y: top + (height - top - colH) / 2 + r * (nodeH + rowGap), w: nodeW, h: nodeH };
    });
  }
  const entry = nodes[0]!;
  const users: MapBox = { x: pad, y: entry.y + (nodeH - usersH) / 2, w: usersW, h: usersH };
  const edges: MapEdge[] = [
    { from: -1, to: 0, count: 1, retries: userRetries, label: edgeLabel(1, userRetries), x1: users.x + usersW, y1: users.y + usersH / 2, x2: entry.x, y2: entry.y + nodeH / 2, over: null },
  ];
  graph.services.forEach((s, i) => {
    const from = nodes[i]!;
    s.calls.forEach((c, k) => {
      const j = index.get(c.to);
      if (j === undefined) return;
      const to = nodes[j]!;
      // Several calls leave one side at spread heights, so their labels do not sit on one another.
      const spread = s.calls.length > 1 ? ((k + 1) / (s.calls.length + 1) - 0.5) * (nodeH * 0.6) : 0;
      edges.push({
        from: i,
        to: j,
        count: c.count,
        retries: c.retry.maxRetries,
        label: edgeLabel(c.count, c.retry.maxRetries),
        x1: from.x + nodeW,
        y1: from.y + nodeH / 2 + spread,
        x2: to.x,
        y2: to.y + nodeH / 2,
        over: to.depth - from.depth > 1 ? 0 : null,
      });
    });
  });
  // Lanes: the longer a skipping call, the higher it runs, so a shorter one comes down inside it without crossing.
  const span = (e: MapEdge) => nodes[e.to]!.depth - (e.from < 0 ? 0 : nodes[e.from]!.depth);
  edges
    .filter((e) => e.over !== null)
    .sort((a, b) => span(b) - span(a))
    .forEach((e, lane) => (e.over = pad + overBand * (lane + 0.5)));
  return { width: colX(columns) + nodeW + pad, height, users, nodes, edges };
}

function walkOrder(graph: MapGraph): number[] {
  const index = new Map(graph.services.map((s, i) => [s.name, i]));
  const seen = new Set<number>();
  const order: number[] = [];
  const queue = graph.services.length > 0 ? [0] : [];
  while (queue.length > 0) {
    const i = queue.shift()!;
    if (seen.has(i)) continue;
    seen.add(i);
    order.push(i);
    for (const c of graph.services[i]!.calls) {
      const j = index.get(c.to);
      if (j !== undefined && !seen.has(j)) queue.push(j);
    }
  }
  graph.services.forEach((_, i) => {
    if (!seen.has(i)) order.push(i);
  });
  return order;
}

/** What a node's figures say about it: hot when at least 90 % busy or answering errors. */
export function serviceHeat(utilisation: number, errors: number): { hot: boolean; reason: string | null } {
  const busy = Number.isFinite(utilisation) && utilisation >= 0.9;
  const failing = Number.isFinite(errors) && errors > 0;
  if (busy && failing) return { hot: true, reason: 'saturated, errors' };
  if (busy) return { hot: true, reason: 'saturated' };
  if (failing) return { hot: true, reason: 'errors' };
  return { hot: false, reason: null };
}

/** What a trigger in force does to a replica, as its square on the map shows it. */
export type ReplicaMark = 'outage' | 'errors' | 'capacity';

const MARK_ORDER: readonly ReplicaMark[] = ['outage', 'errors', 'capacity'];

/** The triggers a map can place: those that name (or default to) a service and replicas. */
interface PlacedTrigger {
  kind: string;
  at: number;
  duration?: number;
  service?: string | undefined;
  replica?: number | undefined;
  stations?: number | null;
}

/**
 * Each replica of `service` at time `t`: the strongest trigger in force on it (an outage, then error answers, then a
 * capacity loss), or null. A trigger names a service (the entry, `entry`, when it names none) and one replica, or
 * hits every replica — an outage with `stations` the first that many. Random outages pick their replicas at random
 * in the run: not shown.
 */
export function replicaMarks(triggers: readonly PlacedTrigger[], service: string, entry: string, replicas: number, t: number): (ReplicaMark | null)[] {
  const marks = new Array<ReplicaMark | null>(replicas).fill(null);
  for (const trigger of triggers) {
    const kind = trigger.kind as ReplicaMark;
    if (!MARK_ORDER.includes(kind) || trigger.duration === undefined) continue;
    if (!(trigger.at <= t && t < trigger.at + trigger.duration)) continue;
    if ((trigger.service ?? entry) !== service) continue;
    const first = trigger.replica ?? 0;
    const count = trigger.replica !== undefined ? 1 : kind === 'outage' && typeof trigger.stations === 'number' ? trigger.stations : replicas;
    for (let r = first; r < Math.min(replicas, first + count); r++) {
      const now = marks[r]!;
      if (now === null || MARK_ORDER.indexOf(kind) < MARK_ORDER.indexOf(now)) marks[r] = kind;
    }
  }
  return marks;
}
