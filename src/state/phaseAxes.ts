/**
 * The phase map's axes: which scenario fields it can sweep, their units and allowed ranges (as the scenario format
 * has them), the pairs offered, the default ranges for a scenario, and the validation of what the user typed.
 */
import { axisValues, type Scenario } from '../sim/format';

export type AxisParamId = 'load' | 'duration' | 'size' | 'retries' | 'timeout';
export type AxisPairId = 'load-duration' | 'load-retries' | 'load-timeout' | 'size-duration';

/** What the user set for one axis: the field and `steps` values from `from` to `to`, both included. */
export interface AxisSetting {
  param: AxisParamId;
  from: number;
  to: number;
  steps: number;
}

/** The largest grid side the page runs (the CLI allows more). */
export const PHASE_MAX_STEPS = 64;
/** Cells per side of the default map. */
export const PHASE_DEFAULT_STEPS = 24;

interface Range {
  min: number;
  max: number;
  minExclusive?: boolean;
  integer?: boolean;
}

export interface AxisParam {
  id: AxisParamId;
  /** Short name for labels: "Load". */
  label: string;
  /** Unit for axis labels: "requests/s". */
  unit: string;
  /** The scenario field swept, or a reason it cannot be swept in this scenario. */
  path(s: Scenario): { path: string } | { problem: string };
  range(s: Scenario | undefined): Range;
  /** The field takes whole values only. */
  integer?: boolean;
  defaults(s: Scenario): { from: number; to: number; steps: number };
}

const firstTrigger = (s: Scenario) => s.triggers[0];
const aKind = (kind: string) => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;

/** Round steps: 1, 2, 2.5 and 5 times a power of ten. */
const MANTISSAS = [1, 2, 2.5, 5, 10];

/**
 * The round step (1, 2, 2.5 or 5 × 10^k) nearest to `raw` (by ratio; `atLeast` takes the smallest one not below it);
 * a whole number of at least 1 for a whole-number field.
 */
export function niceStep(raw: number, integer = false, atLeast = false): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  if (integer && raw <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const candidates = [0.5, ...MANTISSAS].map((m) => Number((m * power).toPrecision(12))).filter((c) => !integer || Number.isInteger(c));
  const above = candidates.find((c) => c >= raw * (1 - 1e-12)) ?? Number((10 * power).toPrecision(12));
  if (atLeast) return above;
  const below = [...candidates].reverse().find((c) => c < raw * (1 - 1e-12));
  return below !== undefined && raw / below < above / raw ? below : above;
}

/** The next round step below `step`. */
function smallerStep(step: number): number {
  const power = 10 ** Math.floor(Math.log10(step) + 1e-12);
  const m = Number((step / power).toPrecision(12));
  const below = [...MANTISSAS].reverse().find((x) => x < m);
  return Number(((below ?? 5) * (below === undefined ? power / 10 : power)).toPrecision(12));
}

/** The values a map runs on one axis: round steps inside the range typed, about `steps` of them. */
export interface AxisGrid {
  /** First and last value and their count: `sim sweep --x path=from:to:steps` runs the same values. */
  from: number;
  to: number;
  steps: number;
  step: number;
  values: number[];
}

const clean = (x: number) => Number(x.toPrecision(12));

/**
 * The grid of an axis: the step the typed `steps` would give, rounded to the nearest round step, and the
 * values at whole steps between `from` and `to` (so there may be a few cells more or fewer than asked). Values are exact
 * round numbers, so what a cell runs is what the map shows and what the lab's controls show when it opens.
 */
export function axisGrid(axis: AxisSetting): AxisGrid {
  const integer = AXIS_PARAMS[axis.param].integer === true;
  const { from, to, steps } = axis;
  if (steps <= 1 || from === to) return { from, to: from, steps: 1, step: 0, values: [from] };
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  // The first value is `lo` rounded up to the step's power of ten (98 → 100 for steps of 10 or 20), so the ends
  // typed are kept when they are round already; the values follow at whole steps.
  const place = (step: number) => {
    const unit = Math.min(step, 10 ** Math.floor(Math.log10(step) + 1e-12));
    const first = clean(Math.ceil(lo / unit - 1e-9) * unit);
    return { first, count: first > hi ? 0 : Math.floor((hi - first) / step + 1e-9) + 1 };
  };
  let step = niceStep((hi - lo) / (steps - 1), integer);
  let placed = place(step);
  // The nearest round step may give a few more values than asked, never more than the page runs.
  if (placed.count > PHASE_MAX_STEPS) {
    step = niceStep((hi - lo) / (steps - 1), integer, true);
    placed = place(step);
  }
  // A range narrower than its round step: finer steps until a value fits inside it.
  while (placed.count === 0 && (!integer || step > 1)) {
    step = smallerStep(step);
    placed = place(step);
  }
  if (placed.count === 0) return { from, to: from, steps: 1, step: 0, values: [from] };
  const { first, count } = placed;
  const last = clean(first + step * (count - 1));
  const [a, b] = from <= to ? [first, last] : [last, first];
  return { from: a, to: b, steps: count, step, values: axisValues(a, b, count) };
}

/** Default range of an axis: `steps` values on a round step, from near `from` to past `to`, inside the field's range. */
function roundRange(param: AxisParamId, from: number, to: number, steps: number): { from: number; to: number; steps: number } {
  const range = AXIS_PARAMS[param].range(undefined);
  const step = niceStep((to - from) / (steps - 1), AXIS_PARAMS[param].integer === true, true);
  let start = clean(Math.floor(from / step) * step);
  if (start < range.min || (range.minExclusive === true && start <= range.min)) start = clean(start + step);
  return { from: start, to: clean(start + step * (steps - 1)), steps };
}

/** A number computed from a run (a recovery time, a scenario's own value): four significant digits, whole digits kept. */
export function formatAxisValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1000) return String(Math.round(x));
  return String(Number(x.toPrecision(4)));
}

const triggerProblem = (s: Scenario): string | null => {
  const t = firstTrigger(s);
  if (t === undefined) return 'the scenario has no trigger: add one in the lab (Triggers), or pick a pair without one';
  if (!('duration' in t)) return `the first trigger is ${aKind(t.kind)}, which has no duration`;
  return null;
};

export const AXIS_PARAMS: Record<AxisParamId, AxisParam> = {
  load: {
    id: 'load',
    label: 'Load',
    unit: 'requests/s',
    path: (s) =>
      s.load.profile !== null
        ? { problem: 'the scenario sets load.profile, which replaces load.rate' }
        : s.load.clients !== null
          ? { problem: 'the scenario is closed-loop (load.clients), which ignores load.rate' }
          : { path: 'load.rate' },
    range: () => ({ min: 0, max: 1e6 }),
    defaults: (s) => (s.load.rate > 0 ? roundRange('load', s.load.rate * 0.35, s.load.rate * 1.05, PHASE_DEFAULT_STEPS) : roundRange('load', 10, 300, PHASE_DEFAULT_STEPS)),
  },
  duration: {
    id: 'duration',
    label: 'Trigger duration',
    unit: 's',
    path: (s) => {
      const problem = triggerProblem(s);
      return problem === null ? { path: 'triggers.0.duration' } : { problem };
    },
    range: () => ({ min: 0, minExclusive: true, max: 1e7 }),
    defaults: (s) => {
      const t = firstTrigger(s);
      const d = t !== undefined && 'duration' in t ? t.duration : 10;
      return roundRange('duration', 1, Math.max(30, 3 * d), PHASE_DEFAULT_STEPS);
    },
  },
  size: {
    id: 'size',
    label: 'Trigger size',
    unit: '× (factor)',
    path: (s) => {
      const t = firstTrigger(s);
      if (t === undefined) return { problem: 'the scenario has no trigger: add a spike or a capacity loss in the lab' };
      if (t.kind === 'spike' || (t.kind === 'capacity' && t.slots === null)) return { path: 'triggers.0.factor' };
      return { problem: `the first trigger is ${t.kind === 'capacity' ? 'a capacity loss in slots' : aKind(t.kind)}, which has no factor: size applies to a spike or a capacity factor` };
    },
    range: (s) => (s !== undefined && firstTrigger(s)?.kind === 'spike' ? { min: 0, minExclusive: true, max: 100 } : { min: 0, minExclusive: true, max: 10 }),
    defaults: (s) => (firstTrigger(s)?.kind === 'spike' ? roundRange('size', 1, 5, PHASE_DEFAULT_STEPS) : roundRange('size', 0.1, 1, PHASE_DEFAULT_STEPS)),
  },
  retries: {
    id: 'retries',
    label: 'Max retries',
    unit: 'retries',
    path: () => ({ path: 'client.retry.maxRetries' }),
    range: () => ({ min: 0, max: 100, integer: true }),
    integer: true,
    defaults: () => ({ from: 0, to: 5, steps: 6 }),
  },
  timeout: {
    id: 'timeout',
    label: 'Timeout',
    unit: 's',
    path: () => ({ path: 'client.timeout' }),
    range: () => ({ min: 0, minExclusive: true, max: 3600 }),
    defaults: (s) => {
      const t = s.client.timeout ?? 1;
      return roundRange('timeout', t / 4, t * 3, PHASE_DEFAULT_STEPS);
    },
  },
};

export const AXIS_PAIRS: readonly { id: AxisPairId; label: string; x: AxisParamId; y: AxisParamId }[] = [
  { id: 'load-duration', label: 'Load × trigger duration', x: 'load', y: 'duration' },
  { id: 'load-retries', label: 'Load × max retries', x: 'load', y: 'retries' },
  { id: 'load-timeout', label: 'Load × timeout', x: 'load', y: 'timeout' },
  { id: 'size-duration', label: 'Trigger size × trigger duration', x: 'size', y: 'duration' },
];

/** The axes of a pair with their default ranges for a scenario. */
export function pairDefaults(pair: AxisPairId, s: Scenario): { x: AxisSetting; y: AxisSetting } {
  const p = AXIS_PAIRS.find((q) => q.id === pair) ?? AXIS_PAIRS[0]!;
  return { x: { param: p.x, ...AXIS_PARAMS[p.x].defaults(s) }, y: { param: p.y, ...AXIS_PARAMS[p.y].defaults(s) } };
}

function rangeText(r: Range): string {
  return `${r.integer === true ? 'an integer' : 'a number'} from ${r.min}${r.minExclusive === true ? ' (exclusive)' : ''} to ${r.max}`;
}

function inRange(v: number, r: Range): boolean {
  if (!Number.isFinite(v)) return false;
  if (r.integer === true && !Number.isInteger(v)) return false;
  if (r.minExclusive === true ? v <= r.min : v < r.min) return false;
  return v <= r.max;
}

/** Every problem with one axis, each naming the field and what is allowed; empty when it can run. */
export function validateAxis(axis: AxisSetting, s: Scenario): string[] {
  const param = AXIS_PARAMS[axis.param];
  const where = param.path(s);
  if ('problem' in where) return [`${param.label}: ${where.problem}.`];
  const name = `${param.label} (${where.path})`;
  const range = param.range(s);
  const problems: string[] = [];
  for (const end of ['from', 'to'] as const) {
    if (!inRange(axis[end], range)) problems.push(`${name} ${end}: got ${Number.isNaN(axis[end]) ? 'nothing' : axis[end]}, expected ${rangeText(range)}.`);
  }
  if (!Number.isInteger(axis.steps) || axis.steps < 1 || axis.steps > PHASE_MAX_STEPS) {
    problems.push(`${name} steps: got ${Number.isNaN(axis.steps) ? 'nothing' : axis.steps}, expected an integer from 1 to ${PHASE_MAX_STEPS}.`);
  }
  return problems;
}

/** The swept path of an axis in a scenario, or null when it cannot be swept there. */
export function axisPath(axis: AxisSetting, s: Scenario): string | null {
  const where = AXIS_PARAMS[axis.param].path(s);
  return 'path' in where ? where.path : null;
}
