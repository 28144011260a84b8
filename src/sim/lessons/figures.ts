import type { SeriesName, Summary } from '../engine/result';
import type { FigureFormat, FigureSpec, LessonStep, Rule, SummaryFigure } from './types';

/** What a lesson reads from a run: its summary and its series (null or NaN where a bin has no sample). */
export interface LessonRun {
  summary: Summary;
  series: Readonly<Record<SeriesName, ArrayLike<number | null>>>;
  /** The run's length in seconds, for windows that run to the end. */
  durationS: number;
}

/** A step's figures in one run: a number, or null where the run has none. */
export type Figures = Readonly<Record<string, number | null>>;

const finite = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : v);

function summaryFigure(s: Summary, field: SummaryFigure): number | null {
  const share = (a: number, b: number) => (b > 0 ? a / b : null);
  switch (field) {
    case 'recoveryTime':
      return s.verdict === 'recovered' ? s.recoveryTime : null;
    case 'offeredRate':
      return s.rates.offered;
    case 'attemptRate':
      return s.rates.attempts;
    case 'throughputRate':
      return s.rates.throughput;
    case 'goodputRate':
      return s.rates.goodput;
    case 'goodputShare':
      return share(s.rates.goodput, s.rates.offered);
    case 'wastedShare':
      return share(s.rates.wasted, s.rates.throughput);
    case 'unaccounted':
      return s.counts.arrivals - s.counts.succeeded - s.counts.failed - s.counts.inFlight;
    case 'p50':
    case 'p99':
    case 'p999':
      return s.latency[field];
    case 'failed':
    case 'arrivals':
    case 'succeeded':
    case 'inFlight':
    case 'rejected':
      return s.counts[field];
    default:
      return s[field];
  }
}

function windowFigure(run: LessonRun, f: Extract<FigureSpec, { kind: 'window' }>): number | null {
  const S = run.series;
  const to = f.to ?? run.durationS;
  const at = (name: SeriesName, i: number) => finite(S[name][i]);
  let a = 0;
  let b = 0;
  let n = 0;
  let best: number | null = null;
  for (let i = 0; i < S.t.length; i++) {
    const t = at('t', i);
    if (t === null || t < f.from || t >= to) continue;
    if (f.measure === 'goodputShare' || f.measure === 'wastedShare') {
      const [num, den]: [SeriesName, SeriesName] = f.measure === 'goodputShare' ? ['goodput', 'offered'] : ['wasted', 'throughput'];
      a += at(num, i) ?? 0;
      b += at(den, i) ?? 0;
      continue;
    }
    const v = at(f.measure, i);
    if (v === null) continue;
    a += v;
    n++;
    if (best === null || (f.stat === 'max' ? v > best : v < best)) best = v;
  }
  if (f.measure === 'goodputShare' || f.measure === 'wastedShare') return b > 0 ? a / b : null;
  if (f.stat === 'max' || f.stat === 'min') return best;
  return n > 0 ? a / n : null;
}

/** One figure of a run. */
export function figureValue(run: LessonRun, f: FigureSpec): number | null {
  return finite(f.kind === 'summary' ? summaryFigure(run.summary, f.field) : windowFigure(run, f));
}

/** Every figure a step names, read from its run. */
export function stepFigures(step: Pick<LessonStep, 'figures'>, run: LessonRun): Figures {
  const out: Record<string, number | null> = {};
  for (const [name, spec] of Object.entries(step.figures)) out[name] = figureValue(run, spec);
  return out;
}

/** Whether a run satisfies a rule, given its verdict and the step's figures. */
export function ruleHolds(rule: Rule, verdict: string, figures: Figures): boolean {
  if ('all' in rule) return rule.all.every((r) => ruleHolds(r, verdict, figures));
  if ('verdict' in rule) return rule.verdict.some((v) => v === verdict);
  const v = figures[rule.figure];
  if (v === null || v === undefined) return false;
  return (rule.min === undefined || v >= rule.min) && (rule.max === undefined || v <= rule.max);
}

/** The answers of a prediction whose rule the run satisfies: the right one, when the lesson is sound, is alone. */
export function rightAnswers(step: LessonStep, verdict: string, figures: Figures): number[] {
  const answers = step.prediction?.answers ?? [];
  return answers.flatMap((a, i) => (ruleHolds(a.rule, verdict, figures) ? [i] : []));
}

const SIG = (v: number, digits: number) => Number(v.toPrecision(digits)).toLocaleString('en-US');

/** A figure as a step's text writes it. */
export function formatFigure(v: number | null, format: FigureFormat): string {
  if (v === null) return 'n/a';
  switch (format) {
    case 'percent':
      return `${(v * 100).toFixed(v < 0.1 && v > 0 ? 1 : 0)}%`;
    case 'seconds':
      return `${v >= 10 ? Math.round(v).toLocaleString('en-US') : SIG(v, 2)} s`;
    case 'ms':
      return `${v * 1000 >= 100 ? Math.round(v * 1000).toLocaleString('en-US') : SIG(v * 1000, 2)} ms`;
    case 'rate':
      return `${Math.round(v).toLocaleString('en-US')} per second`;
    case 'times':
      return `${v.toFixed(2)}×`;
    case 'count':
      return Math.round(v).toLocaleString('en-US');
  }
}

/** The placeholders `{name}` a text uses, in order. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1]!);
}

/** A step's text with its figures filled in; `pending` stands for each while the run has not reached the end. */
export function fillText(text: string, step: Pick<LessonStep, 'figures'>, figures: Figures | null, pending = '…'): string {
  return text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, name: string) => {
    const spec = step.figures[name];
    if (spec === undefined) return whole;
    return figures === null ? pending : formatFigure(figures[name] ?? null, spec.format);
  });
}
