import { SCENARIO_SHAPE, type Shape } from './shape';

/** The sections an operator action (or a UI control) may change mid-run. */
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

/** Every path an action may set, sections and leaves: `load`, `load.rate`, …, `cache.ttl`. */
export const SETTABLE_PATHS: readonly string[] = allSettable();
const SETTABLE = new Set(SETTABLE_PATHS);

/** Whether an action's `set` may name this dotted path. */
export function isSettablePath(path: string): boolean {
  return SETTABLE.has(path);
}

/** The shape of the value a settable path takes. */
export function settableShape(path: string): Shape | undefined {
  if (!SETTABLE.has(path)) return undefined;
  let shape: Shape | undefined = SCENARIO_SHAPE;
  for (const segment of path.split('.')) shape = shape?.kind === 'object' ? shape.fields.get(segment) : undefined;
  return shape;
}
