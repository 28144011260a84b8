import { describe, expect, it } from 'vitest';
import { drawSeries, type DrawRequest } from '../../src/ui/chartCanvas';
import { scaleOver, timeScale, traceSeries, valueDomain, type ChartDef, type SeriesSource } from '../../src/viz/index';

type Op = ['M' | 'L', number, number] | ['Z'];

interface Stroke {
  dash: number[];
  offset: number;
  /** Left edge of the clip in force, or null when the whole plot is drawn. */
  clipX: number | null;
  ops: Op[];
}

/** A 2D context that records what is stroked, the clip and the cleared rectangles. */
class Recorder {
  strokes: Stroke[] = [];
  cleared: [number, number, number, number][] = [];
  lineDashOffset = 0;
  lineWidth = 1;
  lineJoin = 'miter';
  strokeStyle = '';
  private dash: number[] = [];
  private path: Op[] = [];
  private pendingRect: number | null = null;
  private clipX: number | null = null;
  private saved: (number | null)[] = [];
  setTransform(): void {}
  save(): void {
    this.saved.push(this.clipX);
  }
  restore(): void {
    this.clipX = this.saved.pop() ?? null;
  }
  beginPath(): void {
    this.path = [];
    this.pendingRect = null;
  }
  rect(x: number): void {
    this.pendingRect = x;
  }
  clip(): void {
    this.clipX = this.pendingRect;
  }
  clearRect(x: number, y: number, w: number, h: number): void {
    this.cleared.push([x, y, w, h]);
  }
  setLineDash(dash: number[]): void {
    this.dash = [...dash];
  }
  moveTo(x: number, y: number): void {
    this.path.push(['M', x, y]);
  }
  lineTo(x: number, y: number): void {
    this.path.push(['L', x, y]);
  }
  closePath(): void {
    this.path.push(['Z']);
  }
  stroke(): void {
    this.strokes.push({ dash: this.dash, offset: this.lineDashOffset, clipX: this.clipX, ops: [...this.path] });
  }
}

/** A deterministic stream in [0, 1). */
function stream(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Values with gaps (NaN), lone points and, on a log axis, zeros. */
function makeSeries(n: number, seed: number): number[] {
  const r = stream(seed);
  return Array.from({ length: n }, () => {
    const u = r();
    return u < 0.08 ? NaN : u < 0.1 ? 0 : 1 + r() * 300;
  });
}

const DEF: ChartDef = {
  id: 'load',
  title: 'Load',
  unit: 'req/s',
  scale: 'linear',
  format: String,
  series: [
    { key: 'a', label: 'a', hue: 'blue', value: (s, i) => s.at('offered', i) },
    { key: 'b', label: 'b', hue: 'vermillion', dash: [6, 3], value: (s, i) => s.at('attempts', i) },
  ],
};

function sourceOf(a: number[], b: number[]): SeriesSource {
  return { at: (name, i) => (name === 'offered' ? a : b)[i] ?? NaN };
}

// One scale object per axis: a chart keeps its scales from frame to frame while their domains stay.
const X = timeScale([0, 400], 500);
const Y = { linear: scaleOver('linear', valueDomain('linear', 400), 90), log: scaleOver('log', valueDomain('log', 400), 90) };

function request(def: ChartDef, source: SeriesSource, to: number, over: Partial<DrawRequest> = {}): DrawRequest {
  const plotW = 500;
  const plotH = 90;
  return {
    def,
    source,
    epoch: 1,
    from: 0,
    to,
    binS: 1,
    x: X,
    y: Y[def.scale],
    theme: 'light',
    lineWidth: 1.75,
    ratio: 2,
    plotW,
    plotH,
    ...over,
  };
}

/** Each op with the length along its piece of line (reset at each moveTo) up to its point. */
function withLengths(ops: Op[]): { op: Op; length: number }[] {
  let length = 0;
  let last: [number, number] | null = null;
  return ops.map((op) => {
    if (op[0] === 'M') length = 0;
    else if (op[0] === 'L' && last !== null) length += Math.hypot(op[1] - last[0], op[2] - last[1]);
    if (op[0] !== 'Z') last = [op[1], op[2]];
    return { op, length };
  });
}

const REACH = 1.75 / 2 + 1;

describe('drawSeries', () => {
  it('traces a whole plot exactly as d3 line does (gaps, lone points, log axis)', () => {
    for (const scale of ['linear', 'log'] as const) {
      const def = { ...DEF, scale };
      const a = makeSeries(300, 1);
      const b = makeSeries(300, 2);
      const ctx = new Recorder();
      const req = request(def, sourceOf(a, b), 300);
      drawSeries(ctx as unknown as CanvasRenderingContext2D, null, req);
      expect(ctx.strokes).toHaveLength(2);
      def.series.forEach((s, k) => {
        const d3 = new Recorder();
        d3.beginPath();
        traceSeries(d3 as unknown as CanvasRenderingContext2D, 0, 300, (i) => i, (i) => s.value(req.source, i), req.x, req.y, scale === 'log');
        d3.stroke();
        expect(ctx.strokes[k]!.ops).toEqual(d3.strokes[0]!.ops);
        expect(ctx.strokes[k]!.clipX).toBeNull();
      });
      expect(ctx.cleared).toEqual([[0, 0, 500, 90]]);
    }
  });

  it('appends new bins in a clipped strip that every changed pixel lies in, continuing each line and its dashes', () => {
    const n = 380;
    for (let seed = 1; seed <= 25; seed++) {
      const r = stream(seed * 7919);
      const source = sourceOf(makeSeries(n, seed), makeSeries(n, seed + 1000));
      const ctx = new Recorder();
      let to = 1 + Math.floor(r() * 20);
      let drawn = drawSeries(ctx as unknown as CanvasRenderingContext2D, null, request(DEF, source, to));
      while (to < n) {
        const lastTo = to;
        to = Math.min(n, to + 1 + Math.floor(r() * 6));
        const req = request(DEF, source, to);
        const whole = new Recorder();
        drawSeries(whole as unknown as CanvasRenderingContext2D, null, req);
        ctx.strokes = [];
        ctx.cleared = [];
        drawn = drawSeries(ctx as unknown as CanvasRenderingContext2D, drawn, req);
        // One strip, cleared and clipped alike, starting at most REACH (and less than a pixel more, and not left
        // of the plot) left of the last point drawn before: the new segments start there and reach no further left.
        const lastX = req.x(lastTo - 1);
        expect(ctx.cleared).toHaveLength(1);
        const clipX = ctx.cleared[0]![0];
        expect(clipX).toBeLessThanOrEqual(Math.max(0, lastX - REACH));
        expect(clipX).toBeGreaterThan(Math.max(0, lastX - REACH) - 1);
        expect(clipX).toBeGreaterThanOrEqual(0);
        for (const s of ctx.strokes) expect(s.clipX).toBe(clipX);
        DEF.series.forEach((spec, k) => {
          const strokes = ctx.strokes.filter((s) => s.dash.length === (spec.dash?.length ?? 0));
          const ops = strokes.flatMap((s) => s.ops);
          const wholeOps = withLengths(whole.strokes[k]!.ops);
          const first = ops[0];
          if (first === undefined || first[0] === 'Z') return;
          // The strip starts where a piece of the whole line starts, or inside one far enough left that nothing
          // before it reaches the strip…
          const at = wholeOps.findIndex(({ op }) => op[0] !== 'Z' && op[1] === first[1] && op[2] === first[2]);
          expect(at).toBeGreaterThanOrEqual(0);
          if (wholeOps[at]!.op[0] === 'L') expect(first[1]).toBeLessThanOrEqual(clipX - REACH);
          // …and from there draws exactly the whole line's ops.
          const expected = wholeOps.slice(at).map(({ op }, i) => (i === 0 ? (['M', first[1], first[2]] as Op) : op));
          expect(ops).toEqual(expected);
          // Dashes: the first piece continues the whole line's pattern, later pieces start theirs afresh.
          if (spec.dash !== undefined) {
            expect(strokes[0]!.offset).toBeCloseTo(wholeOps[at]!.length, 9);
            for (const s of strokes.slice(1)) expect(s.offset).toBe(0);
          }
        });
      }
    }
  });

  it('redraws the whole plot when the scale, the window, the size or the run changes, and when no epoch is known', () => {
    const a = makeSeries(200, 3);
    const b = makeSeries(200, 4);
    const source = sourceOf(a, b);
    const changes: Partial<DrawRequest>[] = [
      { y: scaleOver('linear', [0, 1000], 90) },
      { x: timeScale([0, 400], 500) },
      { from: 1 },
      { plotW: 501 },
      { ratio: 1 },
      { theme: 'dark' },
      { lineWidth: 3 },
      { epoch: 2 },
      { epoch: undefined },
    ];
    for (const change of changes) {
      const base = request(DEF, source, 100, change.epoch === undefined && 'epoch' in change ? { epoch: undefined } : {});
      const ctx = new Recorder();
      const drawn = drawSeries(ctx as unknown as CanvasRenderingContext2D, null, base);
      ctx.cleared = [];
      drawSeries(ctx as unknown as CanvasRenderingContext2D, drawn, { ...base, ...change, to: 120, x: change.x ?? base.x });
      expect(ctx.cleared, JSON.stringify(Object.keys(change))).toEqual([[0, 0, change.plotW ?? 500, 90]]);
    }
  });

  it('draws nothing when no bin was added', () => {
    const source = sourceOf(makeSeries(50, 5), makeSeries(50, 6));
    const ctx = new Recorder();
    const req = request(DEF, source, 50);
    const drawn = drawSeries(ctx as unknown as CanvasRenderingContext2D, null, req);
    ctx.strokes = [];
    ctx.cleared = [];
    drawSeries(ctx as unknown as CanvasRenderingContext2D, drawn, req);
    expect(ctx.strokes).toEqual([]);
    expect(ctx.cleared).toEqual([]);
  });
});
