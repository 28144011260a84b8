/**
 * The phase map's axes: which scenario fields it can sweep, their units and allowed ranges (as the scenario format
 * has them), the pairs offered, the default ranges for a scenario, and the validation of what the user typed.
 */
import type { Scenario } from '../sim/format';

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
  range(s: Scenario): Range;
  defaults(s: Scenario): { from: number; to: number; steps: number };
}

const firstTrigger = (s: Scenario) => s.triggers[0];
const aKind = (kind: string) => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;

/** Round to 2 significant digits, so default ranges read 98 and 290, not 97.999. */
function nice(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(2));
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
    defaults: (s) => (s.load.rate > 0 ? { from: nice(s.load.rate * 0.35), to: nice(s.load.rate * 1.05), steps: PHASE_DEFAULT_STEPS } : { from: 10, to: 300, steps: PHASE_DEFAULT_STEPS }),
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
      return { from: 1, to: Math.max(30, nice(3 * d)), steps: PHASE_DEFAULT_STEPS };
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
    range: (s) => (firstTrigger(s)?.kind === 'spike' ? { min: 0, minExclusive: true, max: 100 } : { min: 0, minExclusive: true, max: 10 }),
    defaults: (s) => (firstTrigger(s)?.kind === 'spike' ? { from: 1, to: 5, steps: PHASE_DEFAULT_STEPS } : { from: 0.1, to: 1, steps: PHASE_DEFAULT_STEPS }),
  },
  retries: {
    id: 'retries',
    label: 'Max retries',
    unit: 'retries',
    path: () => ({ path: 'client.retry.maxRetries' }),
    range: () => ({ min: 0, max: 100, integer: true }),
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
      return { from: nice(t / 4), to: nice(t * 3), steps: PHASE_DEFAULT_STEPS };
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
  } else if (problems.length === 0 && range.integer === true && axis.steps > 1 && (axis.to - axis.from) % (axis.steps - 1) !== 0) {
    const span = Math.abs(axis.to - axis.from);
    const fits = [];
    for (let k = 1; k <= Math.min(span + 1, PHASE_MAX_STEPS); k++) if (k === 1 || span % (k - 1) === 0) fits.push(k);
    problems.push(`${name} steps: got ${axis.steps}, but ${param.label.toLowerCase()} takes whole values: from ${axis.from} to ${axis.to} allows ${fits.join(', ')} steps.`);
  }
  return problems;
}

/** The swept path of an axis in a scenario, or null when it cannot be swept there. */
export function axisPath(axis: AxisSetting, s: Scenario): string | null {
  const where = AXIS_PARAMS[axis.param].path(s);
  return 'path' in where ? where.path : null;
}
