import { useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Action, SeriesBand, Trigger } from '../sim/format';
import { axisTicks, bandPaths, chartInk, colourOf, maxOver, scaleOver, valueDomain, type ChartDef, type RefLine, type SeriesSource, type Theme, type ValueScale } from '../viz/index';
import { describeAction } from '../state/index';
import { fitCanvas } from './canvas';
import { drawSeries, type DrawnSeries } from './chartCanvas';
import { usePresenterOn } from './trainer/usePresenter';

export const MARGIN = { left: 60, right: 14, top: 6, bottom: 4 };

export interface ChartProps {
  def: ChartDef;
  source: SeriesSource;
  x: ValueScale;
  from: number;
  to: number;
  binS: number;
  width: number;
  height: number;
  theme: Theme;
  /** Changes whenever the series do: redraw. */
  version: number;
  readoutBin: number;
  cursorS: number | null;
  triggers: readonly Trigger[];
  actions: readonly Action[];
  refLine: RefLine | null;
  /** Side-by-side charts pass the larger of their tops, so both draw on the same y-scale. */
  sharedTop?: number;
  /** Controls shown in the caption after the legend (the latency chart's view switch). */
  tools?: ReactNode;
  /**
   * The series buffer's `epoch` (changes when bins already drawn may have changed): with it, a frame that only adds
   * bins draws just those; without it, every change redraws the whole plot.
   */
  epoch?: number;
  /** An ensemble's band per series key (median and 10–90 % over seeds), drawn behind the lines; null for none. */
  band?: ReadonlyMap<string, SeriesBand> | null;
}

/** The largest value a chart must show over bins [from, to): its series, and its reference line with some headroom. */
export function chartTop(def: ChartDef, source: SeriesSource, from: number, to: number, refLine: RefLine | null): number {
  let top = 0;
  for (const s of def.series) top = Math.max(top, maxOver(from, to, (i) => s.value(source, i)));
  if (refLine !== null) top = Math.max(top, refLine.value * (def.scale === 'log' ? 1.5 : 1.1));
  return top;
}

/** The largest 90 % value of a band over bins [from, to). */
function bandTop(band: ReadonlyMap<string, SeriesBand>, from: number, to: number): number {
  let top = 0;
  for (const b of band.values()) for (let i = Math.max(0, from); i < Math.min(to, b.p90.length); i++) if (b.p90[i]! > top) top = b.p90[i]!;
  return top;
}

/** One chart of the stack: dense lines on a canvas; axis, trigger bands, action marks, crosshair and legend in SVG. */
export function Chart(props: ChartProps) {
  const { def, source, x, from, to, binS, width, height, theme, version, readoutBin, cursorS, triggers, actions, refLine, sharedTop, epoch, tools, band } = props;
  // Lines thick enough to see from the back of a room in presenter mode.
  const lineWidth = usePresenterOn() ? 3 : 1.75;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<DrawnSeries | null>(null);
  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotH = height - MARGIN.top - MARGIN.bottom;
  // The band covers the whole window, ahead of the line too (the seeds have run to the end), and the scale holds it.
  const bandTo = Math.ceil((x.domain()[1] ?? 0) / binS) + 1;
  let top = Math.max(chartTop(def, source, from, to, refLine), sharedTop ?? 0, band != null ? bandTop(band, from, bandTo) : 0);
  // Percentages end at 100% unless a value goes past it (a little float noise does not count).
  const atFixedTop = def.top !== undefined && top <= def.top * 1.001;
  if (def.top !== undefined) top = atFixedTop ? def.top : top;
  // The scale (and all drawn with it) changes only when its domain does, not with every new largest value.
  const [lo, hi] = useMemo(() => valueDomain(def.scale, top, 1e-3, atFixedTop), [def.scale, top, atFixedTop]);
  const y = useMemo(() => scaleOver(def.scale, [lo, hi], plotH), [def.scale, lo, hi, plotH]);
  const ink = useMemo(() => chartInk(theme), [theme]);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d') ?? null;
    if (canvas === null || ctx === null) return;
    const ratio = fitCanvas(canvas, plotW, plotH);
    drawn.current = drawSeries(ctx, drawn.current, { def, source, epoch, from, to, binS, x, y, theme, lineWidth, ratio, plotW, plotH });
    // `version` stands for the series buffer, which changes in place.
  }, [version, epoch, plotW, plotH, theme, lineWidth, from, to, binS, def, source, x, y]);

  const ticks = useMemo(() => axisTicks(y, def.scale), [y, def.scale]);
  const tickText = def.format;
  // The layers that change with the scales, the triggers and the actions, not with each new bin: the same
  // elements from render to render, so React leaves their DOM alone.
  const under = useMemo(
    () => (
      <svg className="chart-under" width={width} height={height} aria-hidden="true">
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {triggers.map((t, i) => {
            const x0 = x(t.at);
            const x1 = 'duration' in t ? x(t.at + t.duration) : x0 + 2;
            if (x1 < 0 || x0 > plotW) return null;
            const left = Math.max(0, x0);
            return <rect key={i} className="trigger-band" data-kind={t.kind} x={left} y={0} width={Math.max(2, Math.min(plotW, x1) - left)} height={plotH} fill={ink.trigger} />;
          })}
          {ticks.map((v) => (
            <line key={v} x1={0} x2={plotW} y1={y(v)} y2={y(v)} stroke={ink.grid} />
          ))}
          {band != null && (
            <g className="ensemble-band" data-seeds-band="">
              {def.series.map((s) => {
                const b = band.get(s.key);
                if (b === undefined) return null;
                const paths = bandPaths(b, from, bandTo, binS, x, y, def.scale === 'log');
                const colour = colourOf(theme, s.hue);
                return (
                  <g key={s.key} data-series={s.key}>
                    <path d={paths.area} fill={colour} fillOpacity={0.16} />
                    <path d={paths.median} fill="none" stroke={colour} strokeOpacity={0.6} strokeWidth={1} strokeDasharray="1 2" />
                  </g>
                );
              })}
            </g>
          )}
        </g>
      </svg>
    ),
    [width, height, triggers, x, y, ticks, plotW, plotH, ink, band, def.series, def.scale, from, bandTo, binS, theme],
  );
  const over = useMemo(
    () => (
      <>
        {ticks.map((v) => (
          <text key={v} x={-6} y={y(v)} dy="0.32em" textAnchor="end" fill={ink.text} className="tick">
            {tickText(v)}
          </text>
        ))}
        {refLine !== null && (
          <line className="ref-line" x1={0} x2={plotW} y1={y(refLine.value)} y2={y(refLine.value)} stroke={ink.text} strokeDasharray="1 3" strokeWidth={1.5} />
        )}
        {actions.map((a, i) => {
          const ax = x(a.at);
          if (ax < 0 || ax > plotW) return null;
          return (
            <g key={i} className="action-mark">
              <line x1={ax} x2={ax} y1={0} y2={plotH} stroke={ink.action} strokeWidth={1.5} strokeDasharray="4 2" />
              <title>{`t = ${a.at} s: ${describeAction(a.set)}`}</title>
            </g>
          );
        })}
      </>
    ),
    [ticks, y, ink, tickText, refLine, actions, x, plotW, plotH],
  );
  return (
    <figure className="chart" data-chart={def.id}>
      <figcaption>
        <span className="chart-title">
          {def.title} <small>({def.unit})</small>
        </span>
        <ul className="legend">
          {def.series.map((s) => {
            const v = s.value(source, readoutBin);
            return (
              <li key={s.key} data-series={s.key} data-value={Number.isFinite(v) ? v : ''}>
                <svg width="22" height="10" aria-hidden="true">
                  <line x1="1" x2="21" y1="5" y2="5" stroke={colourOf(theme, s.hue)} strokeWidth="2.5" strokeDasharray={s.dash?.join(' ')} />
                </svg>
                {s.label} <b>{def.format(v)}</b>
              </li>
            );
          })}
          {refLine !== null && (
            <li data-series="ref">
              <svg width="22" height="10" aria-hidden="true">
                <line x1="1" x2="21" y1="5" y2="5" stroke={ink.text} strokeWidth="1.5" strokeDasharray="1 3" />
              </svg>
              {refLine.label} <b>{def.format(refLine.value)}</b>
            </li>
          )}
        </ul>
        {tools}
        {def.note !== undefined && <small className="chart-note">{def.note}</small>}
      </figcaption>
      <div className="chart-plot" style={{ height }}>
        {under}
        <canvas ref={canvasRef} style={{ left: MARGIN.left, top: MARGIN.top, width: plotW, height: plotH }} />
        <svg className="chart-over" width={width} height={height} role="img" aria-label={`${def.title} chart`}>
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {over}
            {cursorS !== null && x(cursorS) >= 0 && x(cursorS) <= plotW && (
              <line className="crosshair" x1={x(cursorS)} x2={x(cursorS)} y1={0} y2={plotH} stroke={ink.cursor} strokeWidth={1} />
            )}
          </g>
        </svg>
      </div>
    </figure>
  );
}
