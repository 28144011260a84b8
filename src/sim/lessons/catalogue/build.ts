import type { Verdict } from '../../engine/result';
import type { FigureFormat, FigureSpec, Rule, SummaryFigure } from '../types';

// Small constructors that keep the lesson data readable.

export const summary = (field: SummaryFigure, format: FigureFormat): FigureSpec => ({ kind: 'summary', field, format });

export const windowed = (
  measure: Extract<FigureSpec, { kind: 'window' }>['measure'],
  from: number,
  format: FigureFormat,
  extra: { to?: number; stat?: 'mean' | 'max' | 'min' } = {},
): FigureSpec => ({ kind: 'window', measure, from, format, ...extra });

export const verdict = (...v: Verdict[]): Rule => ({ verdict: v });
export const fig = (figure: string, min?: number, max?: number): Rule => ({ figure, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
export const all = (...rules: Rule[]): Rule => ({ all: rules });

/** The three answers to "what happens after the trigger?", decided by verdict and recovery time (figure `recovery`). */
export const recoveryAnswers = (within: number) => [
  { text: `It is back within ${within} s of the trigger's end`, rule: all(verdict('recovered'), fig('recovery', 0, within)) },
  { text: `It comes back, but only after more than ${within} s`, rule: all(verdict('recovered'), fig('recovery', within + 1e-9)) },
  { text: 'It stays broken for the rest of the run', rule: verdict('metastable', 'overloaded', 'unresolved') },
];

export const ALL_CHARTS = ['load', 'queue', 'latency', 'amplification', 'work'] as const;
