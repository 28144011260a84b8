import { useMemo, useState, type PointerEvent } from 'react';
import type { ViolationSpan } from '../sim/format';
import { chartBands, chartInk, chartsFor, classChart, colourOf, limiterChartShown, limiterKinds as limiterKindsOf, runsOf, timeScale, timeWindow, type LatencyView, type RefLine } from '../viz/index';
import { useEnsemble, useEnsembleIsCurrent } from './useEnsemble';
import { ChartKey, LatencyViewSwitch } from './ChartKey';
import { useLab } from './LabContext';
import { Chart, MARGIN } from './Chart';
import { ShardHeatmap } from './ShardHeatmap';
import { useWidth } from './useWidth';

/** Longer runs show a rolling window of this many simulated seconds. */
export const WINDOW_S = 600;
const CHART_HEIGHT = 104;
const EMPTY: never[] = [];

/** A lesson's mark on one chart: a band from `from` to `to`, or a moment `at`, with a label. */
export interface ChartMark {
  chart: string;
  from: number;
  to?: number;
  label: string;
}

/**
 * The stacked, time-aligned charts with the good/bad strip, a shared crosshair and scrubbing. A lesson step may
 * show `only` some charts and put a `mark` on one.
 */
export function ChartStack({ only, mark }: { only?: readonly string[]; mark?: ChartMark | null } = {}) {
  const series = useLab((s) => s.series);
  const version = useLab((s) => s.version);
  const binS = useLab((s) => s.binS);
  const durationS = useLab((s) => s.durationS);
  const nowS = useLab((s) => s.nowS);
  const theme = useLab((s) => s.theme);
  const cursorS = useLab((s) => s.cursorS);
  const scrubS = useLab((s) => s.scrubS);
  const triggers = useLab((s) => s.recorded?.triggers ?? EMPTY);
  const assertionCount = useLab((s) => s.recorded?.assertions.length ?? 0);
  const violations = useLab((s) => s.violations);
  const actions = useLab((s) => s.recorded?.actions ?? EMPTY);
  const timeout = useLab((s) => s.effective?.client.timeout ?? null);
  const cacheOn = useLab((s) => s.effective?.cache != null || (s.recorded?.actions.some((a) => 'cache' in a.set) ?? false));
  // The limiter kinds the run has, at the start or through its actions, as one string (a stable selector value).
  const limiterKinds = useLab((s) => limiterKindsOf(s.effective, s.recorded?.actions ?? []));
  const setCursor = useLab((s) => s.setCursor);
  const frames = useLab((s) => s.frames);
  const shardSeries = useLab((s) => s.shardSeries);
  const classSeries = useLab((s) => s.classSeries);
  // The priority classes' names, as one string (a stable selector value); empty without classes.
  const classNames = useLab((s) => s.summary?.classes?.map((c) => c.name).join('\n') ?? '');
  const shardTotals = useLab((s) => s.summary?.shards ?? null);
  const noun = useLab((s) => (s.recorded?.partitions != null ? 'shard' : 'backend'));
  // Unbounded servers have no utilisation to show.
  const bounded = useLab((s) => s.effective?.server.concurrency != null);
  const [ref, width] = useWidth(800);
  const [latencyView, setLatencyView] = useState<LatencyView>('client');
  // The ensemble's band, when it ran this very scenario (the lab's, live actions included).
  const ensembleSeries = useEnsemble((s) => s.series);
  const bandOn = useEnsembleIsCurrent() && ensembleSeries !== null;

  const bins = series.length;
  const domain = timeWindow(durationS > 0 ? durationS : 1, scrubS ?? nowS, WINDOW_S);
  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const [d0, d1] = domain;
  // One scale object while the window and width stay: the charts redraw what depends on it only when it changes.
  const x = useMemo(() => timeScale([d0, d1], plotW), [d0, d1, plotW]);
  const from = Math.max(0, Math.floor(domain[0] / binS));
  const to = Math.min(bins, Math.ceil(domain[1] / binS) + 1);
  const readS = cursorS ?? scrubS;
  const readoutBin = readS === null ? bins - 1 : Math.min(bins - 1, Math.max(0, Math.floor(readS / binS)));
  const crossS = readS;
  const ink = useMemo(() => chartInk(theme), [theme]);
  const latencyRef = useMemo<RefLine | null>(() => (timeout !== null ? { value: timeout, label: 'timeout' } : null), [timeout]);

  const timeAxis = useMemo(
    () => (
      <svg className="time-axis" width={width} height={22} aria-hidden="true">
        <g transform={`translate(${MARGIN.left},0)`}>
          {x.ticks(8).map((t) => (
            <text key={t} x={x(t)} y={14} textAnchor="middle" fill={ink.text} className="tick">
              {t} s
            </text>
          ))}
        </g>
      </svg>
    ),
    [x, width, ink],
  );

  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left - MARGIN.left;
    if (px < 0 || px > plotW) return setCursor(null);
    setCursor(Math.max(0, Math.min(nowS, x.invert(px))));
  };

  const charts = chartsFor(latencyView).filter(
    (c) => shownFor(c.id, cacheOn, limiterKinds, only) && (only === undefined || only.includes(c.id)),
  );
  const bands = useMemo(() => (bandOn && ensembleSeries !== null ? new Map(charts.map((def) => [def.id, chartBands(def, ensembleSeries)])) : null), [bandOn, ensembleSeries, latencyView, cacheOn]); // eslint-disable-line react-hooks/exhaustive-deps
  const refFor = (id: string): RefLine | null => (id === 'latency' ? latencyRef : null);
  // Offered at 4c, goodput at 4c + 1 in each bin's values (see Frame.classes).
  const classDef = useMemo(
    () =>
      classNames === ''
        ? null
        : classChart(classNames.split('\n'), (c, i) => {
            const offered = classSeries.at(i, 4 * c);
            return offered > 0 ? classSeries.at(i, 4 * c + 1) / offered : NaN;
          }),
    [classNames, classSeries],
  );
  const shown = classDef !== null && classSeries.stations > 0 && (only === undefined || only.includes('classes')) ? [...charts, classDef] : charts;
  const strip = runsOf(from, Math.min(to, bins), (i) => {
    const b = series.at('bad', i);
    return b === 1 ? 'bad' : b === 0 ? 'good' : 'unjudged';
  });

  return (
    <section className="panel charts" aria-labelledby="charts-heading">
      <h2 id="charts-heading" className="visually-hidden">
        Charts
      </h2>
      <div ref={ref} className="chart-stack" onPointerMove={onMove} onPointerLeave={() => setCursor(null)} data-bins={bins} data-frames={frames}>
        <ChartKey theme={theme} readoutS={Math.max(0, readoutBin) * binS} chosen={readS !== null} checks={assertionCount > 0} />
        <div className="strip" aria-label="Good or bad state over time">
          <span className="strip-label">State</span>
          <svg width={width} height={14} role="img" aria-label="Good/bad strip: green is good, orange is bad, grey is not judged">
            <g transform={`translate(${MARGIN.left},0)`}>
              {strip.map((r) => (
                <rect key={r.from} className={`strip-${r.cls}`} x={x(r.from * binS)} width={Math.max(1, x(r.to * binS) - x(r.from * binS))} y={0} height={14} fill={r.cls === 'bad' ? ink.bad : r.cls === 'good' ? ink.good : ink.unjudged} />
              ))}
            </g>
          </svg>
        </div>
        {assertionCount > 0 && <ViolationStrip violations={violations} x={x} width={width} domain={domain} colour={colourOf(theme, 'purple')} />}
        {shown.map((def) => (
          <div key={def.id} className="chart-slot">
            <Chart
              def={def}
              source={series}
              x={x}
              from={from}
              to={to}
              binS={binS}
              width={width}
              height={CHART_HEIGHT}
              theme={theme}
              version={version}
              epoch={series.epoch}
              readoutBin={readoutBin}
              cursorS={crossS}
              triggers={triggers}
              actions={actions}
              refLine={refFor(def.id)}
              band={bands?.get(def.id) ?? null}
              tools={def.id === 'latency' ? <LatencyViewSwitch view={latencyView} onChange={setLatencyView} /> : undefined}
            />
            {mark?.chart === def.id && <MarkOverlay mark={mark} left={MARGIN.left + x(mark.from)} right={MARGIN.left + x(mark.to ?? mark.from)} />}
          </div>
        ))}
        {shardSeries.stations > 0 && bounded && (
          <ShardHeatmap
            source={shardSeries}
            noun={noun}
            x={x}
            from={from}
            to={to}
            binS={binS}
            width={width}
            theme={theme}
            version={version}
            readoutBin={readoutBin}
            cursorS={crossS}
            totals={shardTotals}
          />
        )}
        {timeAxis}
      </div>
      <Scrubber />
    </section>
  );
}

/** The user's assertions on the time axis: a mark over each stretch of bins where one failed. */
/** Whether a chart belongs in the stack: the cache's only with a cache, the limiter's only with a limiter of a kind they show. */
function shownFor(id: string, cacheOn: boolean, limiterKinds: string, only: readonly string[] | undefined): boolean {
  if (only?.includes(id) === true) return true;
  if (id === 'cache') return cacheOn;
  return limiterChartShown(id, limiterKinds) ?? true;
}

function ViolationStrip(props: { violations: ViolationSpan[]; x: (t: number) => number; width: number; domain: readonly [number, number]; colour: string }) {
  const { violations, x, width, domain, colour } = props;
  const shown = violations.filter((v) => v.to > domain[0] && v.from < domain[1]);
  const label =
    violations.length === 0
      ? 'Your invariants: no violation so far'
      : `Your invariants: violated in ${violations.length} stretch${violations.length === 1 ? '' : 'es'}, the first from ${Math.round(violations[0]!.from)} s`;
  return (
    <div className="strip violation-strip" aria-label="Violations of your invariants over time">
      <span className="strip-label">Checks</span>
      <svg width={width} height={10} role="img" aria-label={label}>
        <g transform={`translate(${MARGIN.left},0)`}>
          {shown.map((v) => {
            const x0 = x(Math.max(v.from, domain[0]));
            const x1 = x(Math.min(v.to, domain[1]));
            return <rect key={`${v.assertion}:${v.from}`} className="violation-mark" data-from={v.from} data-to={v.to} data-assertion={v.assertion} x={x0} width={Math.max(2, x1 - x0)} y={1} height={8} fill={colour} />;
          })}
        </g>
      </svg>
    </div>
  );
}

/** Scrub back through the run: the charts read (and, on long runs, show) the chosen time. */
function Scrubber() {
  const nowS = useLab((s) => s.nowS);
  const scrubS = useLab((s) => s.scrubS);
  const setScrub = useLab((s) => s.setScrub);
  const value = scrubS ?? nowS;
  return (
    <div className="scrubber">
      <label>
        <span>Scrub</span>
        <input
          type="range"
          min={0}
          max={Math.max(1, nowS)}
          step={1}
          value={value}
          aria-valuetext={scrubS === null ? `following the run at ${Math.round(nowS)} s` : `reading t = ${Math.round(value)} s`}
          onChange={(e) => setScrub(Number(e.currentTarget.value))}
        />
      </label>
      <button type="button" onClick={() => setScrub(null)} disabled={scrubS === null}>
        Follow live
      </button>
    </div>
  );
}

/** A lesson's band or moment drawn over a chart, with its label (read as a note, after the chart). */
function MarkOverlay({ mark, left, right }: { mark: ChartMark; left: number; right: number }) {
  const band = mark.to !== undefined;
  return (
    <div className={`chart-mark${band ? ' chart-mark-band' : ' chart-mark-moment'}`} style={{ left, width: band ? Math.max(2, right - left) : 2 }} role="note">
      <span className="chart-mark-label">{band ? mark.label : `↓ ${mark.label}`}</span>
    </div>
  );
}
