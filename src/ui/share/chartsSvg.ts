/**
 * The stacked charts of a run as one standalone SVG document, drawn from the series (not from the
 * screen), so an export holds the whole run whatever the window shows. It starts with svgMetadata:
 * the scenario's name, its seed and the link that reopens it.
 */
import { svgMetadata, xmlText } from '../../links/index';
import type { Action, Scenario, Trigger } from '../../sim/format';
import {
  axisTicks,
  chartInk,
  CHARTS,
  colourOf,
  limiterChartShown,
  limiterKinds,
  maxOver,
  runsOf,
  timeScale,
  traceSeries,
  valueScale,
  type SeriesSource,
  type Theme,
} from '../../viz/index';

export interface ChartsSvgInput {
  source: SeriesSource & { readonly length: number };
  binS: number;
  durationS: number;
  scenario: Scenario;
  /** The full URL that reopens the run. */
  link: string;
  theme: Theme;
  timeoutS: number | null;
  /** Document width in CSS pixels. */
  width?: number;
}

const MARGIN = { left: 64, right: 16 };
const CHART_H = 120;
const TITLE_H = 22;
const GAP = 14;
const STRIP_H = 14;

const num = (x: number) => (Number.isFinite(x) ? Number(x.toFixed(2)) : 0);

function bands(triggers: readonly Trigger[], x: (t: number) => number, plotW: number, h: number, fill: string): string {
  return triggers
    .map((t) => {
      const x0 = Math.max(0, x(t.at));
      const x1 = Math.min(plotW, 'duration' in t ? x(t.at + t.duration) : x(t.at) + 2);
      return x1 <= x0 ? '' : `<rect x="${num(x0)}" y="0" width="${num(Math.max(2, x1 - x0))}" height="${h}" fill="${fill}"/>`;
    })
    .join('');
}

function marks(actions: readonly Action[], x: (t: number) => number, plotW: number, h: number, stroke: string): string {
  return actions
    .map((a) => {
      const ax = x(a.at);
      return ax < 0 || ax > plotW ? '' : `<line x1="${num(ax)}" x2="${num(ax)}" y1="0" y2="${h}" stroke="${stroke}" stroke-width="1.5" stroke-dasharray="4 2"/>`;
    })
    .join('');
}

/** The SVG document (text) of every chart of the run, with a legend per chart, trigger bands and action marks. */
export function chartsSvg(input: ChartsSvgInput): string {
  const { source, binS, durationS, scenario, theme } = input;
  const width = input.width ?? 960;
  const plotW = width - MARGIN.left - MARGIN.right;
  const ink = chartInk(theme);
  const bins = source.length;
  const x = timeScale([0, Math.max(durationS, binS)], plotW);
  const timeOf = (i: number) => i * binS;
  const cacheOn = scenario.cache !== null || scenario.actions.some((a) => Object.keys(a.set).some((k) => k === 'cache' || k.startsWith('cache.')));
  const kinds = limiterKinds(scenario, scenario.actions);
  const charts = CHARTS.filter((c) => (c.id !== 'cache' || cacheOn) && (limiterChartShown(c.id, kinds) ?? true));
  const parts: string[] = [];
  let y0 = 36;
  // Title line and the good/bad strip.
  parts.push(`<text x="${MARGIN.left}" y="22" font-size="15" font-weight="600" fill="${ink.text}">${xmlText(scenario.name)} — seed ${scenario.seed}</text>`);
  const strip = runsOf(0, bins, (i) => {
    const b = source.at('bad', i);
    return b === 1 ? 'bad' : b === 0 ? 'good' : 'unjudged';
  });
  parts.push(
    `<g transform="translate(${MARGIN.left},${y0})">${strip
      .map((r) => `<rect x="${num(x(r.from * binS))}" width="${num(Math.max(1, x(r.to * binS) - x(r.from * binS)))}" y="0" height="${STRIP_H}" fill="${r.cls === 'bad' ? ink.bad : r.cls === 'good' ? ink.good : ink.unjudged}"/>`)
      .join('')}</g>`,
    `<text x="${MARGIN.left - 8}" y="${y0 + 11}" text-anchor="end" font-size="11" fill="${ink.text}">state</text>`,
  );
  y0 += STRIP_H + GAP;
  for (const def of charts) {
    const log = def.scale === 'log';
    let top = 0;
    for (const s of def.series) top = Math.max(top, maxOver(0, bins, (i) => s.value(source, i)));
    const ref = def.id === 'latency' && input.timeoutS !== null ? input.timeoutS : null;
    if (ref !== null) top = Math.max(top, ref * (log ? 1.5 : 1.1));
    const atFixedTop = def.top !== undefined && top <= def.top * 1.001;
    if (def.top !== undefined && atFixedTop) top = def.top;
    const y = valueScale(def.scale, top, CHART_H, 1e-3, atFixedTop);
    const legend = def.series
      .map((s) => `<tspan fill="${colourOf(theme, s.hue)}">━ </tspan><tspan>${xmlText(s.label)}   </tspan>`)
      .join('');
    parts.push(
      `<text x="${MARGIN.left}" y="${y0 + 14}" font-size="13" fill="${ink.text}"><tspan font-weight="600">${xmlText(def.title)}</tspan> (${xmlText(def.unit)})   ${legend}</text>`,
    );
    const gy = y0 + TITLE_H;
    const body: string[] = [bands(scenario.triggers, x, plotW, CHART_H, ink.trigger)];
    for (const v of axisTicks(y, def.scale)) {
      body.push(`<line x1="0" x2="${plotW}" y1="${num(y(v))}" y2="${num(y(v))}" stroke="${ink.grid}"/>`);
      body.push(`<text x="-6" y="${num(y(v))}" dy="0.32em" text-anchor="end" font-size="11" fill="${ink.text}">${xmlText(def.format(v))}</text>`);
    }
    for (const s of def.series) {
      const d = traceSeries(null, 0, bins, timeOf, (i) => s.value(source, i), x, y, log) ?? '';
      if (d !== '') body.push(`<path d="${d}" fill="none" stroke="${colourOf(theme, s.hue)}" stroke-width="1.75" stroke-linejoin="round"${s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''}/>`);
    }
    if (ref !== null) body.push(`<line x1="0" x2="${plotW}" y1="${num(y(ref))}" y2="${num(y(ref))}" stroke="${ink.text}" stroke-width="1.5" stroke-dasharray="1 3"/>`);
    body.push(marks(scenario.actions, x, plotW, CHART_H, ink.action));
    parts.push(`<g transform="translate(${MARGIN.left},${gy})">${body.join('')}</g>`);
    y0 = gy + CHART_H + GAP;
  }
  parts.push(
    `<g transform="translate(${MARGIN.left},${y0})">${x
      .ticks(8)
      .map((t) => `<text x="${num(x(t))}" y="12" text-anchor="middle" font-size="11" fill="${ink.text}">${t} s</text>`)
      .join('')}</g>`,
  );
  const height = y0 + 24;
  const background = theme === 'dark' ? '#1a1d23' : '#ffffff';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">` +
    svgMetadata(input.link, scenario) +
    `<rect width="100%" height="100%" fill="${background}"/>` +
    parts.join('') +
    `</svg>\n`
  );
}
