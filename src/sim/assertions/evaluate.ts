// Checks a scenario's assertions bin by bin over the run's series, with no engine: the CLI runs it
// over a finished run, the page over the bins it has received so far. Same series → same violations.

import type { SeriesName } from '../engine/result';
import type { Scenario } from '../scenario/types';
import { parseCheck, type BoolNode, type NumNode } from './parser';
import { parseScope, triggerSpans, type Scope } from './scope';

/** Where the checks read a run's values: NaN where a bin has none. */
export interface SeriesSource {
  value(name: SeriesName, bin: number): number;
  /** Utilisation of shard (or fan-out backend) `index` in `bin`; NaN when there is no such shard. */
  shard(index: number, bin: number): number;
}

/** An assertion that did not hold in one bin. */
export interface Violation {
  /** Index in `scenario.assertions`. */
  assertion: number;
  /** Start of the bin, seconds. */
  time: number;
  /** The comparison that failed, as written (`amplification <= 1.5`), its left side's value and its right side's. */
  comparison: string;
  value: number;
  bound: number;
}

export type AssertionSpec = Scenario['assertions'][number];
type Window = Pick<Scenario, 'assertions' | 'triggers' | 'bin' | 'warmup'>;

const EPS = 1e-9;

/** A number node with the state its windows keep; evaluated once per bin, in bin order. */
type Compiled = (bin: number) => number;

function growable(): { data: Float64Array; set(i: number, x: number): void } {
  const g = {
    data: new Float64Array(256),
    set(i: number, x: number) {
      if (i >= g.data.length) {
        const next = new Float64Array(Math.max(g.data.length * 2, i + 1));
        next.set(g.data);
        g.data = next;
      }
      g.data[i] = x;
    },
  };
  return g;
}

function compileWindow(fn: 'mean' | 'min' | 'max', arg: Compiled, bins: number): Compiled {
  if (fn === 'mean') {
    // Prefix sums of the finite values and of their count: the mean of the last `bins` bins.
    const sum = growable();
    const count = growable();
    return (i) => {
      const x = arg(i);
      const ok = Number.isFinite(x);
      sum.set(i + 1, (i === 0 ? 0 : sum.data[i]!) + (ok ? x : 0));
      count.set(i + 1, (i === 0 ? 0 : count.data[i]!) + (ok ? 1 : 0));
      const from = Math.max(0, i + 1 - bins);
      const n = count.data[i + 1]! - count.data[from]!;
      return n > 0 ? (sum.data[i + 1]! - sum.data[from]!) / n : NaN;
    };
  }
  // A monotonic deque of bin indices: the front holds the window's min (or max).
  const values = growable();
  const deque: number[] = [];
  let head = 0;
  const better = fn === 'min' ? (a: number, b: number) => a <= b : (a: number, b: number) => a >= b;
  return (i) => {
    const x = arg(i);
    values.set(i, x);
    if (Number.isFinite(x)) {
      while (deque.length > head && better(x, values.data[deque[deque.length - 1]!]!)) deque.pop();
      deque.push(i);
    }
    while (deque.length > head && deque[head]! <= i - bins) head++;
    if (head > 1024 && head * 2 > deque.length) {
      deque.splice(0, head);
      head = 0;
    }
    return deque.length > head ? values.data[deque[head]!]! : NaN;
  };
}

function compileNum(node: NumNode, source: () => SeriesSource, binS: number): Compiled {
  switch (node.type) {
    case 'num': {
      const value = node.value;
      return () => value;
    }
    case 'series': {
      const ref = node.ref;
      if (ref.kind === 'shard') return (i) => source().shard(ref.index, i);
      return (i) => source().value(ref.name, i);
    }
    case 'neg': {
      const arg = compileNum(node.arg, source, binS);
      return (i) => -arg(i);
    }
    case 'abs': {
      const arg = compileNum(node.arg, source, binS);
      return (i) => Math.abs(arg(i));
    }
    case 'window':
      return compileWindow(node.fn, compileNum(node.arg, source, binS), Math.max(1, Math.round(node.seconds / binS)));
    case 'arith': {
      const left = compileNum(node.left, source, binS);
      const right = compileNum(node.right, source, binS);
      const op = node.op;
      return (i) => {
        const a = left(i);
        const b = right(i);
        const r = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b;
        return Number.isFinite(r) ? r : NaN;
      };
    }
  }
}

/** A check's outcome in one bin: HOLDS, FAILS, or UNDECIDED when a value it reads is missing. */
const HOLDS = 1;
const FAILS = 0;
const UNDECIDED = -1;
type Outcome = typeof HOLDS | typeof FAILS | typeof UNDECIDED;

/** A compiled check: its outcome in a bin, and the comparison that decided its last outcome, with its two sides. */
interface CompiledBool {
  run(bin: number): Outcome;
  culprit(): { comparison: string; value: number; bound: number };
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

function compileBool(node: BoolNode, source: () => SeriesSource, binS: number): CompiledBool {
  switch (node.type) {
    case 'compare': {
      const left = compileNum(node.left, source, binS);
      const right = compileNum(node.right, source, binS);
      const test = COMPARE[node.op]!;
      const comparison = node.text;
      let a = NaN;
      let b = NaN;
      return {
        run(i) {
          a = left(i);
          b = right(i);
          if (Number.isNaN(a) || Number.isNaN(b)) return UNDECIDED;
          return test(a, b) ? HOLDS : FAILS;
        },
        culprit: () => ({ comparison, value: a, bound: b }),
      };
    }
    case 'not': {
      const arg = compileBool(node.arg, source, binS);
      return {
        run(i) {
          const r = arg.run(i);
          return r === UNDECIDED ? UNDECIDED : r === HOLDS ? FAILS : HOLDS;
        },
        culprit: () => arg.culprit(),
      };
    }
    case 'and':
    case 'or': {
      // Every operand is evaluated in every bin (no short cut), so each window sees every bin.
      const args = node.args.map((a) => compileBool(a, source, binS));
      const decisive = node.type === 'and' ? FAILS : HOLDS;
      let decider = 0;
      return {
        run(i) {
          let first = -1;
          let undecided = false;
          for (let k = 0; k < args.length; k++) {
            const r = args[k]!.run(i);
            if (r === decisive && first < 0) first = k;
            else if (r === UNDECIDED) undecided = true;
          }
          if (first >= 0) {
            decider = first;
            return decisive;
          }
          decider = 0;
          return undecided ? UNDECIDED : decisive === FAILS ? HOLDS : FAILS;
        },
        culprit: () => args[decider]!.culprit(),
      };
    }
  }
}

/**
 * The assertions of a scenario, checked bin after bin. `advance` judges the bins not yet judged and
 * returns their violations; bins must come in order, each once (a new run needs a new monitor).
 */
export class AssertionMonitor {
  private readonly checks: { run: CompiledBool; scope: Scope }[];
  private readonly spans: { from: number; to: number }[];
  private readonly binS: number;
  private readonly warmup: number;
  private current: SeriesSource | null = null;
  private judged = 0;
  /** The first trigger span not wholly before the bins judged, and the end of the last one that is (NaN: none). */
  private nextSpan = 0;
  private lastEnd = NaN;
  /** Per assertion: the end of the trigger after which a `within` check has held, or NaN. */
  private readonly heldAfter: number[];

  constructor(scenario: Window) {
    const source = (): SeriesSource => this.current!;
    this.binS = scenario.bin;
    this.warmup = scenario.warmup;
    this.checks = scenario.assertions.map((a) => ({ run: compileBool(parseCheck(a.check), source, scenario.bin), scope: parseScope(a.scope) }));
    this.spans = triggerSpans(scenario.triggers);
    this.heldAfter = this.checks.map(() => NaN);
  }

  get size(): number {
    return this.checks.length;
  }

  /** Bins judged so far. */
  get bins(): number {
    return this.judged;
  }

  /** Judges bins [bins, upTo) and returns their violations in bin order, then assertion order. */
  advance(source: SeriesSource, upTo: number): Violation[] {
    const out: Violation[] = [];
    if (this.checks.length === 0) {
      this.judged = Math.max(this.judged, upTo);
      return out;
    }
    this.current = source;
    for (let i = this.judged; i < upTo; i++) this.judgeBin(i, out);
    this.judged = Math.max(this.judged, upTo);
    this.current = null;
    return out;
  }

  private judgeBin(i: number, out: Violation[]): void {
    const t = i * this.binS;
    const end = t + this.binS;
    // The spans are sorted and apart, and bins come in order: pass those wholly before this bin.
    const spans = this.spans;
    for (let s = spans[this.nextSpan]; s !== undefined; s = spans[this.nextSpan]) {
      const before = s.from < s.to ? s.to <= t + EPS : s.to < t - EPS;
      if (!before) break;
      this.lastEnd = s.to;
      this.nextSpan++;
    }
    const next = spans[this.nextSpan];
    const during = next !== undefined && next.from < end - EPS;
    const lastEnd = this.lastEnd;
    const judged = t >= this.warmup - EPS;
    this.checks.forEach((check, k) => {
      const r = check.run.run(i);
      if (!judged) return;
      const scope = check.scope;
      let inScope: boolean;
      switch (scope.kind) {
        case 'always':
          inScope = true;
          break;
        case 'during':
          inScope = during;
          break;
        case 'outside':
          inScope = !during;
          break;
        case 'from':
          inScope = !during && t >= lastEnd + scope.seconds - EPS;
          break;
        case 'within': {
          if (during || Number.isNaN(lastEnd)) {
            inScope = false;
            break;
          }
          if (r === HOLDS) this.heldAfter[k] = lastEnd;
          inScope = this.heldAfter[k] === lastEnd || t >= lastEnd + scope.seconds - EPS;
          break;
        }
      }
      if (inScope && r === FAILS) out.push({ assertion: k, time: t, ...check.run.culprit() });
    });
  }
}

/** Consecutive violating bins of one assertion, as one stretch: from its first bin's start to its last bin's end. */
export interface ViolationSpan {
  assertion: number;
  from: number;
  to: number;
  bins: number;
  /** The first bin's violation. */
  first: Violation;
}

/** Violations grouped into stretches of consecutive bins, per assertion, in order of their start. */
export function violationSpans(violations: readonly Violation[], binS: number): ViolationSpan[] {
  const open = new Map<number, ViolationSpan>();
  const out: ViolationSpan[] = [];
  for (const v of violations) {
    const span = open.get(v.assertion);
    if (span !== undefined && Math.abs(v.time - span.to) < binS * 1e-6) {
      span.to = v.time + binS;
      span.bins++;
      continue;
    }
    const next = { assertion: v.assertion, from: v.time, to: v.time + binS, bins: 1, first: v };
    open.set(v.assertion, next);
    out.push(next);
  }
  return out;
}

/** A source over plain arrays (a RunResult's series: null = no value). */
export function arraysSource(series: Partial<Record<SeriesName, ArrayLike<number | null>>>, shardUtilisation?: readonly (readonly (number | null)[])[]): SeriesSource {
  return {
    value(name, bin) {
      const x = series[name]?.[bin];
      return x === null || x === undefined ? NaN : x;
    },
    shard(index, bin) {
      const x = shardUtilisation?.[bin]?.[index];
      return x === null || x === undefined ? NaN : x;
    },
  };
}
