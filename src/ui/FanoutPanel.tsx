import { scaleLinear, scaleLog } from 'd3';
import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import type { Scenario } from '../sim/format';
import { chartInk, colourOf, logWidths, type Theme } from '../viz/index';
import { fanoutWidths } from '../state/index';
import type { StudyProgress } from '../worker/index';
import { useApp } from './AppContext';
import { formatLatency, percent } from './format';
import { useLab } from './LabContext';

const W = 340;
const H = 190;
const M = { left: 52, right: 12, top: 10, bottom: 34 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;
/** Wait this long after the parameters last changed before measuring again. */
const SETTLE_MS = 400;

/** The parameters the study depends on: the scenario in force, without what happens over time. */
function studyInput(s: Scenario): Scenario {
  return { ...s, triggers: [], actions: [] };
}

/**
 * Lesson 4 beside the run: how the whole request's tail grows with the number of backends it
 * waits for. The scenario's backends run at fan-out widths 1, 2, 5 … 100 in a worker of their
 * own; dots are measured, the line is the closed form 1 − (1 − p)ⁿ (with a quorum, the chance
 * that more than n − quorum calls are slow) from the one-backend miss rate p.
 */
export function FanoutPanel() {
  const effective = useLab((s) => s.effective);
  const theme = useLab((s) => s.theme);
  const fanout = effective?.fanout ?? null;
  const key = effective !== null && fanout !== null ? JSON.stringify(studyInput(effective)) : null;
  const study = useApp().study;
  const studied = useStore(study, (s) => s.key);
  const studyProgress = useStore(study, (s) => s.progress);
  const notice = useStore(study, (s) => s.notice);
  // Until the study of this scenario starts (a moment after its parameters last changed), there is nothing to show.
  const progress = studied === key ? studyProgress : null;

  useEffect(() => {
    if (key === null) return;
    const input = JSON.parse(key) as Scenario;
    const n = input.fanout?.n ?? 1;
    const widths = fanoutWidths(n);
    const timer = setTimeout(() => study.getState().run(input, widths, logWidths(widths[widths.length - 1] ?? n)), SETTLE_MS);
    return () => {
      clearTimeout(timer);
      study.getState().stop();
    };
  }, [key, study]);

  if (fanout === null || effective === null) return null;
  return <FanoutStudyView n={fanout.n} quorum={fanout.quorum} hedged={fanout.hedge !== null} progress={progress} notice={studied === key ? notice : null} theme={theme} />;
}

interface ViewProps {
  n: number;
  quorum: number | null;
  hedged: boolean;
  progress: StudyProgress | null;
  notice: string | null;
  theme: Theme;
}

function FanoutStudyView({ n, quorum, hedged, progress, notice, theme }: ViewProps) {
  const ink = chartInk(theme);
  const points = progress?.points ?? [];
  const maxN = Math.max(100, n);
  const x = useMemo(() => scaleLog().domain([1, maxN]).range([0, PW]), [maxN]);
  const here = points.find((p) => p.n === n) ?? null;
  const curve = progress?.curve ?? null;
  const closedHere = curve === null ? null : (curve.slow[curve.widths.indexOf(n)] ?? null);
  const running = progress === null || (progress.pending.length > 0 && progress.error === null);
  const rule = quorum === null ? '1 − (1 − p)ⁿ' : `P(more than n − ${n - quorum} of n calls slow)`;
  const slo = progress?.slo ?? null;

  return (
    <section
      className="panel fanout-study"
      aria-labelledby="fanout-heading"
      data-points={points.length}
      data-measured={here?.sloMiss ?? ''}
      data-closed={closedHere ?? ''}
      aria-busy={running}
    >
      <h2 id="fanout-heading">Tail against fan-out width</h2>
      <p className="hint">
        The same backends{hedged ? ' (hedged)' : ''} at other widths, steady load, no triggers{quorum === null ? '; each request waits for all n' : `; each request waits for all but ${n - quorum}`}. Dots:
        measured; line: {rule}, from the one-backend miss rate p.
      </p>
      {notice !== null && <p className="hint fanout-notice">{notice}</p>}
      {progress?.error != null && <p className="error">The study could not run: {progress.error}</p>}
      <div className="fanout-charts">
        <SlowShareChart x={x} progress={progress} n={n} ink={ink} theme={theme} />
        <TailChart x={x} progress={progress} n={n} ink={ink} theme={theme} />
      </div>
      <p className="fanout-summary" role="status">
        {running
          ? `Measuring widths… ${points.length} of ${points.length + (progress?.pending.length ?? fanoutWidths(n).length)} done.`
          : here !== null && slo !== null
            ? `At n = ${n}: ${percent(here.sloMiss ?? NaN)} of requests are slower than ${formatLatency(slo)}; the closed form says ${percent(closedHere ?? NaN)} (p = ${percent(curve?.p1 ?? NaN)}). p99 ${formatLatency(here.p99)}, p99.9 ${formatLatency(here.p999)}${hedged && here.amplification !== null ? `, load ×${here.amplification.toFixed(3)} from hedges` : ''}.`
            : ''}
      </p>
      {points.length > 0 && (
        <details>
          <summary>The study's figures</summary>
          <table className="fanout-table">
            <thead>
              <tr>
                <th scope="col">n</th>
                <th scope="col">requests</th>
                <th scope="col">slower than objective</th>
                <th scope="col">closed form</th>
                <th scope="col">p99</th>
                <th scope="col">p99.9</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.n} data-n={p.n}>
                  <th scope="row">{p.n}</th>
                  <td>{p.requests.toLocaleString('en-US')}</td>
                  <td>{percent(p.sloMiss ?? NaN)}</td>
                  <td>{curve === null ? '—' : percent(curve.slow[curve.widths.indexOf(p.n)] ?? NaN)}</td>
                  <td>{formatLatency(p.p99)}</td>
                  <td>{formatLatency(p.p999)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}

type Ink = ReturnType<typeof chartInk>;
interface ChartProps {
  x: ReturnType<typeof scaleLog<number>>;
  progress: StudyProgress | null;
  n: number;
  ink: Ink;
  theme: Theme;
}

function XAxis({ x, ink, n }: { x: ChartProps['x']; ink: Ink; n: number }) {
  const ticks = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].filter((t) => t <= x.domain()[1]!);
  return (
    <g transform={`translate(0,${PH})`}>
      {ticks.map((t) => (
        <text key={t} x={x(t)} y={14} textAnchor="middle" fill={ink.text} className="tick">
          {t}
        </text>
      ))}
      <text x={PW / 2} y={29} textAnchor="middle" fill={ink.text} className="tick">
        backends per request (n), log scale
      </text>
      <line x1={x(n)} x2={x(n)} y1={-PH} y2={0} stroke={ink.action} strokeDasharray="4 2" />
    </g>
  );
}

function SlowShareChart({ x, progress, n, ink, theme }: ChartProps) {
  const y = scaleLinear().domain([0, 1]).range([PH, 0]);
  const curve = progress?.curve ?? null;
  const path = curve === null ? '' : curve.widths.map((w, i) => `${i === 0 ? 'M' : 'L'}${x(w).toFixed(1)},${y(curve.slow[i] ?? 0).toFixed(1)}`).join('');
  const slo = progress?.slo ?? null;
  return (
    <figure className="fanout-chart" data-chart="fanout-slow">
      <figcaption>Requests slower than {slo === null ? 'the objective' : formatLatency(slo)}</figcaption>
      <svg width={W} height={H} role="img" aria-label="Share of slow requests against fan-out width: measured dots beside the closed-form line">
        <g transform={`translate(${M.left},${M.top})`}>
          {[0, 0.25, 0.5, 0.75, 1].map((v) => (
            <g key={v}>
              <line x1={0} x2={PW} y1={y(v)} y2={y(v)} stroke={ink.grid} />
              <text x={-6} y={y(v)} dy="0.32em" textAnchor="end" fill={ink.text} className="tick">
                {v * 100}%
              </text>
            </g>
          ))}
          <XAxis x={x} ink={ink} n={n} />
          <path d={path} fill="none" stroke={colourOf(theme, 'grey')} strokeWidth={1.75} strokeDasharray="5 3" className="closed-form" />
          {(progress?.points ?? []).map((p) =>
            p.sloMiss === null ? null : <circle key={p.n} cx={x(p.n)} cy={y(p.sloMiss)} r={4} fill={colourOf(theme, 'blue')} className="measured" data-n={p.n} />,
          )}
        </g>
      </svg>
    </figure>
  );
}

/** Powers of ten inside [lo, hi], or the ends when the range spans less than a decade. */
function latencyTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(lo)); e <= Math.floor(Math.log10(hi)); e++) out.push(Math.pow(10, e));
  return out.length >= 2 ? out : [lo * 1.5, hi / 1.5];
}

function TailChart({ x, progress, n, ink, theme }: ChartProps) {
  const points = progress?.points ?? [];
  const values = points.flatMap((p) => [p.p99, p.p999]).filter((v): v is number => v !== null && v > 0);
  const lo = values.length > 0 ? Math.min(...values) / 1.5 : 1e-3;
  const hi = values.length > 0 ? Math.max(...values) * 1.5 : 1;
  const y = scaleLog().domain([lo, hi]).range([PH, 0]);
  const line = (key: 'p99' | 'p999') =>
    points
      .filter((p) => p[key] !== null && p[key] > 0)
      .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.n).toFixed(1)},${y(p[key]!).toFixed(1)}`)
      .join('');
  const series = [
    { key: 'p99' as const, label: 'p99', hue: 'blue' as const, dash: undefined },
    { key: 'p999' as const, label: 'p99.9', hue: 'vermillion' as const, dash: '6 3' },
  ];
  return (
    <figure className="fanout-chart" data-chart="fanout-tail">
      <figcaption>
        Whole-request latency{' '}
        {series.map((s) => (
          <span key={s.key} className="legend-key">
            <svg width="22" height="10" aria-hidden="true">
              <line x1="1" x2="21" y1="5" y2="5" stroke={colourOf(theme, s.hue)} strokeWidth="2.5" strokeDasharray={s.dash} />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
      <svg width={W} height={H} role="img" aria-label="p99 and p99.9 of the whole request against fan-out width, log scales">
        <g transform={`translate(${M.left},${M.top})`}>
          {latencyTicks(lo, hi).map((v) => (
            <g key={v}>
              <line x1={0} x2={PW} y1={y(v)} y2={y(v)} stroke={ink.grid} />
              <text x={-6} y={y(v)} dy="0.32em" textAnchor="end" fill={ink.text} className="tick">
                {formatLatency(v)}
              </text>
            </g>
          ))}
          <XAxis x={x} ink={ink} n={n} />
          {series.map((s) => (
            <g key={s.key}>
              <path d={line(s.key)} fill="none" stroke={colourOf(theme, s.hue)} strokeWidth={1.75} strokeDasharray={s.dash} />
              {points.map((p) => (p[s.key] === null ? null : <circle key={p.n} cx={x(p.n)} cy={y(p[s.key]!)} r={3} fill={colourOf(theme, s.hue)} />))}
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}
