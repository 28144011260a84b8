import { interpolateOrRd, scaleLinear } from 'd3';
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { formatAxisValue, type PhaseMap } from '../../state/index';
import { chartInk, verdictColour, type Theme } from '../../viz/index';
import { cellFigures, cellPlace, cellShare } from './cellText';
import { contourPath, straddlingCells } from './contour';
import { fitCanvas } from '../canvas';

const MARGIN = { left: 64, right: 12, top: 10, bottom: 46 };

/** The largest recovery time on the map (at least 1 s): the dark end of the recovered shade. */
export function maxRecovery(map: PhaseMap): number {
  let m = 1;
  for (const c of map.cells) if (c !== null && c.recoveryTime !== null && c.recoveryTime > m) m = c.recoveryTime;
  return m;
}

/** The colour of a share of stuck seeds: a sequential scale from pale (none stuck) to dark red (all stuck). */
export function shareColour(share: number): string {
  return interpolateOrRd(0.08 + 0.92 * share);
}

/** Pixel extent of one axis: values are cell centres, so the domain runs half a step beyond each end. */
function axisScale(values: readonly number[], lengthPx: number, flip: boolean) {
  const first = values[0] ?? 0;
  const last = values[values.length - 1] ?? first;
  const half = values.length > 1 ? (last - first) / (values.length - 1) / 2 : 0.5;
  const range: [number, number] = flip ? [lengthPx, 0] : [0, lengthPx];
  return scaleLinear().domain([first - half, last + half]).range(range);
}

function clickHint(probability: boolean): string {
  return probability ? 'Click a cell to compare a seed that stays stuck with one that recovers.' : 'Click a cell to open its run in the lab.';
}

interface Props {
  map: PhaseMap;
  version: number;
  theme: Theme;
  width: number;
  onOpen: (index: number) => void;
}

/** The map: cells on a canvas, axes and the scenario's own point in SVG; hover, click and arrow keys pick a cell. */
export function PhaseGrid({ map, version, theme, width, onOpen }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  // The focused cell belongs to the map it was chosen on: a new map starts at its first cell.
  const [focusOn, setFocusOn] = useState({ map, index: 0 });
  const focus = focusOn.map === map ? focusOn.index : 0;
  const nx = map.x.values.length;
  const ny = map.y.values.length;
  const plotW = Math.max(120, Math.min(720, width - MARGIN.left - MARGIN.right));
  const plotH = Math.round(Math.min(plotW * 0.75, 480));
  const cellW = plotW / nx;
  const cellH = plotH / ny;
  const ink = chartInk(theme);
  const recoveryTop = maxRecovery(map);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d') ?? null;
    if (canvas === null || ctx === null) return;
    const ratio = fitCanvas(canvas, plotW, plotH);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, plotW, plotH);
    for (let xi = 0; xi < nx; xi++) {
      for (let yi = 0; yi < ny; yi++) {
        const cell = map.cells[xi * ny + yi];
        const left = Math.floor(xi * cellW);
        const top = Math.floor((ny - 1 - yi) * cellH);
        const w1 = Math.floor((xi + 1) * cellW) - left;
        const h1 = Math.floor((ny - yi) * cellH) - top;
        const p = map.probability;
        const n = p?.n[xi * ny + yi] ?? 0;
        if (cell === null || cell === undefined || (p !== null && n === 0)) {
          ctx.fillStyle = ink.grid;
          ctx.fillRect(left + w1 / 2 - 1, top + h1 / 2 - 1, 2, 2);
          continue;
        }
        ctx.fillStyle = p !== null ? shareColour(p.stuck[xi * ny + yi]! / n) : verdictColour(theme, cell.verdict, (cell.recoveryTime ?? 0) / recoveryTop);
        ctx.fillRect(left, top, w1, h1);
      }
    }
    // `version` stands for the cells, which change in place.
  }, [map, version, theme, plotW, plotH, nx, ny, cellW, cellH, ink.grid, recoveryTop]);

  const xScale = axisScale(map.x.values, plotW, false);
  const yScale = axisScale(map.y.values, plotH, true);
  // d3's own tick format gives each tick the decimals its step needs (0.2, 0.4, not 0.30000000000000004).
  const xTick = xScale.tickFormat(Math.min(8, nx));
  const yTick = yScale.tickFormat(Math.min(8, ny));
  const [xLo, xHi] = xScale.domain() as [number, number];
  const [yLo, yHi] = yScale.domain() as [number, number];
  const own = map.own;
  const ownInside = own !== null && own.x >= Math.min(xLo, xHi) && own.x <= Math.max(xLo, xHi) && own.y >= Math.min(yLo, yHi) && own.y <= Math.max(yLo, yHi);

  const indexAt = (e: MouseEvent<HTMLElement>): number | null => {
    const box = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - box.left - MARGIN.left;
    const py = e.clientY - box.top - MARGIN.top;
    if (px < 0 || py < 0 || px >= plotW || py >= plotH) return null;
    const xi = Math.min(nx - 1, Math.floor(px / cellW));
    const yi = ny - 1 - Math.min(ny - 1, Math.floor(py / cellH));
    return xi * ny + yi;
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const move = moves[e.key];
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (map.cells[focus] != null) onOpen(focus);
      return;
    }
    if (move === undefined) return;
    e.preventDefault();
    // From the previous focus, so keys pressed faster than the page renders all count.
    setFocusOn((prev) => {
      const f = prev.map === map ? prev.index : 0;
      const xi = Math.min(nx - 1, Math.max(0, Math.floor(f / ny) + move[0]));
      const yi = Math.min(ny - 1, Math.max(0, (f % ny) + move[1]));
      return { map, index: xi * ny + yi };
    });
    setHover(null);
  };

  const probability = map.probability;
  // The 50 % contour and the cells whose interval still holds 50 % (its uncertainty band); `version` stands for the counts.
  const contour = probability === null ? '' : contourPath(probability, nx, ny, cellW, cellH);
  const marks = probability === null ? [] : straddlingCells(probability);
  const shown = hover ?? focus;
  const sxi = Math.floor(shown / ny);
  const syi = shown % ny;
  const shownCell = map.cells[shown] ?? null;
  const shownShare = probability === null ? null : cellShare(probability, shown);
  const readout =
    `${cellPlace(map.x, map.y, sxi, syi)}: ` +
    (shownCell === null ? 'not run yet' : shownShare !== null ? `${shownShare.text}; seed ${probability?.baseSeed ?? ''}: ${cellFigures(shownCell)}` : cellFigures(shownCell));
  const fx = Math.floor(focus / ny);
  const fy = focus % ny;

  return (
    <div className="phase-grid">
      <div
        className="phase-plot"
        role="application"
        aria-roledescription="phase map"
        aria-label={`Phase map of ${map.x.param.label.toLowerCase()} (x) by ${map.y.param.label.toLowerCase()} (y), ${nx} by ${ny} cells. Arrow keys move between cells; Enter opens the cell in the lab.`}
        aria-describedby="phase-readout"
        tabIndex={0}
        style={{ width: plotW + MARGIN.left + MARGIN.right, height: plotH + MARGIN.top + MARGIN.bottom }}
        onPointerMove={(e) => setHover(indexAt(e))}
        onPointerLeave={() => setHover(null)}
        onClick={(e) => {
          const index = indexAt(e);
          if (index !== null && map.cells[index] != null) onOpen(index);
        }}
        onKeyDown={onKey}
        data-cols={nx}
        data-rows={ny}
        data-seed-counts={probability === null ? undefined : Array.from(probability.n).join(',')}
      >
        <canvas ref={canvasRef} style={{ left: MARGIN.left, top: MARGIN.top, width: plotW, height: plotH }} data-left={MARGIN.left} data-top={MARGIN.top} />
        <svg width={plotW + MARGIN.left + MARGIN.right} height={plotH + MARGIN.top + MARGIN.bottom} aria-hidden="true">
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            <rect x={0} y={0} width={plotW} height={plotH} fill="none" stroke={ink.grid} />
            {xScale.ticks(Math.min(8, nx)).map((t) => (
              <g key={t} transform={`translate(${xScale(t)},${plotH})`}>
                <line y2={5} stroke={ink.text} />
                <text y={17} textAnchor="middle" fill={ink.text} className="tick">
                  {xTick(t)}
                </text>
              </g>
            ))}
            {yScale.ticks(Math.min(8, ny)).map((t) => (
              <g key={t} transform={`translate(0,${yScale(t)})`}>
                <line x2={-5} stroke={ink.text} />
                <text x={-8} dy="0.32em" textAnchor="end" fill={ink.text} className="tick">
                  {yTick(t)}
                </text>
              </g>
            ))}
            <text x={plotW / 2} y={plotH + 38} textAnchor="middle" fill={ink.text} className="axis-label">
              {map.x.param.label} ({map.x.param.unit}) — {map.x.path}
            </text>
            <text transform={`translate(${-48},${plotH / 2}) rotate(-90)`} textAnchor="middle" fill={ink.text} className="axis-label">
              {map.y.param.label} ({map.y.param.unit})
            </text>
            {marks.map((c) => (
              <circle
                key={c}
                className="straddle-mark"
                cx={(Math.floor(c / ny) + 0.5) * cellW}
                cy={(ny - 1 - (c % ny) + 0.5) * cellH}
                r={Math.max(1.5, Math.min(cellW, cellH) * 0.18)}
                fill="none"
                stroke={theme === 'dark' ? '#ffffff' : '#000000'}
                strokeWidth={1.25}
              />
            ))}
            {contour !== '' && (
              <g className="contour-50">
                <path d={contour} fill="none" stroke={theme === 'dark' ? '#000000' : '#ffffff'} strokeWidth={4} strokeLinecap="round" />
                <path d={contour} fill="none" stroke={theme === 'dark' ? '#ffffff' : '#000000'} strokeWidth={2} strokeLinecap="round" />
              </g>
            )}
            {ownInside && own !== null && (
              <g className="own-point" transform={`translate(${xScale(own.x)},${yScale(own.y)})`}>
                <circle r={7} fill="none" stroke={theme === 'dark' ? '#ffffff' : '#000000'} strokeWidth={2.5} />
                <circle r={7} fill="none" stroke={theme === 'dark' ? '#000000' : '#ffffff'} strokeWidth={1} />
              </g>
            )}
            <rect
              className="focus-cell"
              x={fx * cellW}
              y={(ny - 1 - fy) * cellH}
              width={cellW}
              height={cellH}
              fill="none"
              stroke={ink.cursor}
              strokeWidth={2}
              strokeDasharray={hover === null ? undefined : '3 2'}
            />
          </g>
        </svg>
        {hover !== null && (
          <div
            className="phase-tooltip"
            style={{ left: Math.min(MARGIN.left + (sxi + 1) * cellW + 8, MARGIN.left + plotW - 200), top: MARGIN.top + Math.max(0, (ny - 1 - syi) * cellH - 10) }}
            aria-hidden="true"
          >
            {readout}
          </div>
        )}
      </div>
      <p id="phase-readout" className="phase-readout" aria-live="polite" data-index={shown} data-x={map.x.values[sxi]} data-y={map.y.values[syi]} data-verdict={shownCell?.verdict ?? ''} data-k={shownShare?.k ?? ''} data-n={shownShare?.n ?? ''}>
        {readout}
      </p>
      <p className="hint">
        {own === null
          ? 'The scenario’s own point has no value on these axes.'
          : ownInside
            ? `The ring marks the lab’s scenario (${formatAxisValue(own.x)}, ${formatAxisValue(own.y)}). ${clickHint(probability !== null)}`
            : `The lab’s scenario (${formatAxisValue(own.x)}, ${formatAxisValue(own.y)}) lies outside this map. ${clickHint(probability !== null)}`}
      </p>
    </div>
  );
}
