/**
 * The lines of one chart on its canvas, drawn so that a frame costs what it adds: while the window, the scales
 * and the bins already drawn stay the same, only a strip at the right end is cleared and drawn again, from a
 * little before the first new bin. Everything else (a new window, scale, size, theme, or a rewritten run)
 * redraws the whole plot.
 */
import { colourOf, type ChartDef, type SeriesSource, type Theme, type ValueScale } from '../viz/index';

/** What a chart's canvas shows now. */
export interface DrawnSeries {
  key: DrawKey;
  /** Bins drawn: [key.from, to). */
  to: number;
  /**
   * Per series, the length along its line from where the line last began (after a gap) to each bin's point,
   * NaN where there is no point: a redrawn strip starts its dash pattern where the whole line has it there.
   */
  lengths: Float64Array[];
}

interface DrawKey {
  def: ChartDef;
  source: SeriesSource;
  /** Changes when bins already drawn may have changed; undefined: unknown, so never reuse the picture. */
  epoch: number | undefined;
  from: number;
  binS: number;
  x: ValueScale;
  y: ValueScale;
  theme: Theme;
  /** CSS px (thicker in presenter mode). */
  lineWidth: number;
  ratio: number;
  plotW: number;
  plotH: number;
}

export interface DrawRequest extends DrawKey {
  to: number;
}

/** How far (CSS px) a segment's stroke, its round join and its anti-aliasing reach past its end point. */
const reach = (lineWidth: number): number => lineWidth / 2 + 1;

function sameKey(a: DrawKey, b: DrawKey): boolean {
  return (
    a.epoch !== undefined &&
    a.epoch === b.epoch &&
    a.def === b.def &&
    a.source === b.source &&
    a.from === b.from &&
    a.binS === b.binS &&
    a.x === b.x &&
    a.y === b.y &&
    a.theme === b.theme &&
    a.lineWidth === b.lineWidth &&
    a.ratio === b.ratio &&
    a.plotW === b.plotW &&
    a.plotH === b.plotH
  );
}

/**
 * Draw bins [from, to) of each series of `def` (the context is in CSS pixels at `ratio`), reusing `last` when
 * only bins were added since. Returns what the canvas shows now, to pass back next time.
 */
export function drawSeries(ctx: CanvasRenderingContext2D, last: DrawnSeries | null, request: DrawRequest): DrawnSeries {
  const { def, source, from, to, binS, x, y, theme, lineWidth, ratio, plotW, plotH } = request;
  const key: DrawKey = { def, source, epoch: request.epoch, from, binS, x, y, theme, lineWidth, ratio, plotW, plotH };
  const REACH = reach(lineWidth);
  const appending = last !== null && sameKey(last.key, key) && to >= last.to && last.to > from;
  const size = Math.max(0, to - from);
  const lengths = def.series.map((_, k) => {
    const kept = appending ? last.lengths[k] : undefined;
    if (kept !== undefined && kept.length >= size) return kept;
    const grown = new Float64Array(Math.max(64, size * 2)).fill(NaN);
    if (kept !== undefined) grown.set(kept);
    return grown;
  });

  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  let start = from;
  if (appending) {
    if (to === last.to) return { key, to, lengths };
    // New segments start at the last bin drawn; nothing they draw reaches further left than REACH from there.
    // The strip from `clipX` on is cleared and every segment that reaches into it is drawn again.
    const clipX = Math.max(0, Math.floor((x((last.to - 1) * binS) - REACH) * ratio) / ratio);
    start = Math.max(from, Math.floor(x.invert(clipX - REACH) / binS) - 1);
    ctx.save();
    ctx.beginPath();
    ctx.rect(clipX, 0, plotW - clipX, plotH);
    ctx.clip();
    ctx.clearRect(clipX, 0, plotW - clipX, plotH);
  } else {
    ctx.clearRect(0, 0, plotW, plotH);
  }
  ctx.lineWidth = lineWidth;
  ctx.lineJoin = 'round';
  const log = def.scale === 'log';
  def.series.forEach((s, k) => {
    const run = lengths[k]!;
    ctx.beginPath();
    ctx.setLineDash(s.dash ?? []);
    const offset = run[start - from] ?? NaN;
    ctx.lineDashOffset = Number.isFinite(offset) ? offset : 0;
    ctx.strokeStyle = colourOf(theme, s.hue);
    traceRun(ctx, start, to, binS, (i) => s.value(source, i), x, y, log, run, from);
    ctx.stroke();
    ctx.lineDashOffset = 0;
  });
  if (appending) ctx.restore();
  return { key, to, lengths };
}

/**
 * Trace bins [start, to) as d3's linear line does on a canvas (a gap where a value is missing or, on a log axis,
 * not positive; a lone point closes its own subpath), recording into `run[i - from]` the length from the start
 * of the current piece of line to bin i. A trace that starts inside a piece drawn before continues it.
 */
function traceRun(
  ctx: CanvasRenderingContext2D,
  start: number,
  to: number,
  binS: number,
  value: (i: number) => number,
  x: ValueScale,
  y: ValueScale,
  log: boolean,
  run: Float64Array,
  from: number,
): void {
  let points = 0;
  let px = 0;
  let py = 0;
  let length = 0;
  /** Whether the current piece began before `start` (then it is no lone point, whatever this trace sees of it). */
  let continued = false;
  for (let i = start; i < to; i++) {
    const v = value(i);
    if (!Number.isFinite(v) || (log && !(v > 0))) {
      if (points === 1 && !continued) ctx.closePath();
      points = 0;
      run[i - from] = NaN;
      continue;
    }
    const cx = x(i * binS);
    const cy = y(v);
    if (points === 0) {
      continued = i === start && i > from && Number.isFinite(run[i - 1 - from] ?? NaN);
      // Only the piece this trace continues keeps the dash offset it was given; later pieces start their
      // pattern afresh, as every piece of a whole line does.
      if (!continued && ctx.lineDashOffset !== 0) {
        ctx.stroke();
        ctx.beginPath();
        ctx.lineDashOffset = 0;
      }
      ctx.moveTo(cx, cy);
      length = continued ? (run[i - from] ?? 0) : 0;
    } else {
      ctx.lineTo(cx, cy);
      length += Math.hypot(cx - px, cy - py);
    }
    run[i - from] = length;
    points++;
    px = cx;
    py = cy;
  }
  if (points === 1 && !continued) ctx.closePath();
}
