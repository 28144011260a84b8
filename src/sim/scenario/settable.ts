import { SCENARIO_SHAPE, type Shape } from './shape';

/** The sections an operator action (or a UI control) may change mid-run (and, in a graph, the services' parameters: graphSettableShape). */
export const SETTABLE_ROOTS = ['load', 'client', 'server', 'cache'] as const;

function collect(shape: Shape, prefix: string, out: string[]): void {
  out.push(prefix);
  if (shape.kind !== 'object') return;
  for (const [key, field] of shape.fields) collect(field, `${prefix}.${key}`, out);
}

function allSettable(): string[] {
  const out: string[] = [];
  for (const root of SETTABLE_ROOTS) {
    const shape = SCENARIO_SHAPE.kind === 'object' ? SCENARIO_SHAPE.fields.get(root) : undefined;
    if (shape) collect(shape, root, out);
  }
  return out;
}

/** Every path an action may set, sections and leaves: `load`, `load.rate`, …, `cache.ttl` (graph paths aside). */
export const SETTABLE_PATHS: readonly string[] = allSettable();
const SETTABLE = new Set(SETTABLE_PATHS);

/** A graph's structure, which stays as the run started: services, their names and replicas, the calls' callees and counts, the calls' mode and quorum. */
const GRAPH_FIXED = new Set(['services', 'name', 'replicas', 'mode', 'quorum', 'calls', 'to', 'count']);
const INDEX = /^(0|[1-9][0-9]{0,3})$/;

/**
 * The shape at a settable path inside `graph`: `graph.delay`, `graph.deadline`, `graph.services.1.concurrency`,
 * `graph.services.0.calls.0.retry.maxRetries`… — every parameter of a service or edge, but nothing that changes
 * the graph's structure (GRAPH_FIXED) and no whole service or edge.
 */
function graphSettableShape(path: string): Shape | undefined {
  const segments = path.split('.');
  if (segments[0] !== 'graph' || segments.length < 2) return undefined;
  let shape = SCENARIO_SHAPE.kind === 'object' ? SCENARIO_SHAPE.fields.get('graph') : undefined;
  let afterIndex = false;
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i]!;
    if (shape?.kind === 'array') {
      if (!INDEX.test(segment) || Number(segment) >= shape.maxItems) return undefined;
      shape = shape.item;
      afterIndex = true;
      continue;
    }
    if (shape?.kind !== 'object') return undefined;
    // The key right after `services` or `calls` is an index; the key after an index is a parameter unless structural.
    const key = segment;
    if (GRAPH_FIXED.has(key) && !(key === 'services' && i === 1) && !(key === 'calls' && afterIndex)) return undefined;
    shape = shape.fields.get(key);
    afterIndex = false;
  }
  if (shape === undefined || shape.kind === 'array' || afterIndex) return undefined;
  return shape;
}

/** Whether an action's `set` may name this dotted path. */
export function isSettablePath(path: string): boolean {
  return SETTABLE.has(path) || graphSettableShape(path) !== undefined;
}

/** The shape of the value a settable path takes. */
export function settableShape(path: string): Shape | undefined {
  if (!SETTABLE.has(path)) return graphSettableShape(path);
  let shape: Shape | undefined = SCENARIO_SHAPE;
  for (const segment of path.split('.')) shape = shape?.kind === 'object' ? shape.fields.get(segment) : undefined;
  return shape;
}
