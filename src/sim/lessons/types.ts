import type { SeriesName, Verdict } from '../engine/result';

/** The charts of the lab a step can show or point at (ids of src/viz/chartDefs.ts). */
export const LESSON_CHARTS = ['load', 'queue', 'latency', 'amplification', 'work', 'cache'] as const;
export type LessonChart = (typeof LESSON_CHARTS)[number];

/** Summary figures a lesson can quote: rates per second, shares as 0..1, times in seconds. */
export const SUMMARY_FIGURES = [
  'recoveryTime',
  'offeredRate',
  'attemptRate',
  'throughputRate',
  'goodputRate',
  'goodputShare',
  'wastedShare',
  'amplification',
  'utilisation',
  'sloMiss',
  'meanLatency',
  'p50',
  'p99',
  'p999',
  'failed',
  'arrivals',
  'succeeded',
  'inFlight',
  'rejected',
  'hitRate',
  /** arrivals − succeeded − failed − in flight: 0 when every request is accounted for. */
  'unaccounted',
] as const;
export type SummaryFigure = (typeof SUMMARY_FIGURES)[number];

/** How a figure is written in a step's text. */
export const FIGURE_FORMATS = ['percent', 'seconds', 'rate', 'times', 'count', 'ms'] as const;
export type FigureFormat = (typeof FIGURE_FORMATS)[number];

/** A number read from a run: a summary figure, or a series over the bins starting in [from, to). */
export type FigureSpec =
  | { kind: 'summary'; field: SummaryFigure; format: FigureFormat }
  | {
      kind: 'window';
      /** A series, or the ratio of sums goodput / offered or wasted / throughput. */
      measure: SeriesName | 'goodputShare' | 'wastedShare';
      stat?: 'mean' | 'max' | 'min';
      from: number;
      /** Seconds; the end of the run when absent. */
      to?: number;
      format: FigureFormat;
    };

/** A test over a run: its verdict, a figure's range (a figure the run lacks fails), or all of several. */
export type Rule =
  | { verdict: readonly Verdict[] }
  | { figure: string; min?: number | undefined; max?: number | undefined }
  | { all: readonly Rule[] };

/** A sentence of the step that states an outcome, and the rule the runs must satisfy for it to be true. */
export interface LessonClaim {
  /** The passage, word for word as in the step's text, outcome or explanation (placeholders included). */
  says: string;
  rule: Rule;
}

/** The run of a step: a preset, with fields changed by dotted path, and optionally its triggers or actions replaced. */
export interface StepScenario {
  preset: string;
  set?: Readonly<Record<string, unknown>>;
  triggers?: readonly unknown[];
  actions?: readonly unknown[];
  /** Seconds; the preset's duration when absent. */
  duration?: number;
}

export interface Prediction {
  question: string;
  /** 2–4 answers; the right one is the one whose rule the run satisfies. */
  answers: readonly { text: string; rule: Rule }[];
  /** Shown after the reveal: why, with the run's figures as placeholders. */
  explanation: string;
}

export interface LessonTask {
  /** What the learner should reach with the unlocked controls. */
  goal: string;
  /** Checked on the learner's run. */
  rule: Rule;
  /** Shown after `hintAfter` seconds on the step without reaching the goal. */
  hint: string;
  hintAfter: number;
  /** A change of the unlocked controls that reaches the goal (dotted paths), so the goal is known reachable. */
  example: Readonly<Record<string, unknown>>;
}

export type Highlight =
  | { target: 'band'; chart: LessonChart; from: number; to: number; label: string }
  | { target: 'moment'; chart: LessonChart; at: number; label: string }
  | { target: 'control'; control: string; label: string };

export interface LessonStep {
  title: string;
  /** Shown when the step opens; `{name}` placeholders are figures, filled once the run has reached the end. */
  text: string;
  /** Shown once the run has ended (after the reveal, with a prediction). */
  outcome?: string;
  scenario: StepScenario;
  /** Which charts to show and which controls (settable paths) are unlocked; empty controls = none. */
  show: { charts: readonly LessonChart[]; controls: readonly string[] };
  figures: Readonly<Record<string, FigureSpec>>;
  claims: readonly LessonClaim[];
  prediction?: Prediction;
  task?: LessonTask;
  highlight?: Highlight;
  /** The step that shows the cure (the last step of every lesson). */
  cure?: boolean;
}

export interface Lesson {
  /** Stable id, used in links: `#lesson=retry-storm&step=2`. */
  id: string;
  /** The lesson's number in the product's list, 1–9. */
  number: number;
  title: string;
  /** One line: what the lesson teaches. */
  takeaway: string;
  steps: readonly LessonStep[];
}
