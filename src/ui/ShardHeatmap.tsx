import { useLayoutEffect, useMemo, useRef } from 'react';
import type { ShardSummary } from '../sim/format';
import { chartInk, heatColour, readShards, type ShardSource, type Theme, type ValueScale } from '../viz/index';
import { fitCanvas } from './canvas';
import { MARGIN } from './Chart';
import { percent } from './format';

export interface ShardHeatmapProps {
  source: ShardSource;
  /** 'shard' with partitions, 'backend' with a fan-out. */
  noun: 'shard' | 'backend';
  x: ValueScale;
  from: number;
  to: number;
  binS: number;
  width: number;
  theme: Theme;
  version: number;
  readoutBin: number;
  cursorS: number | null;
  /** The whole run's per-station figures so far (the summary's `shards`). */
  totals: readonly ShardSummary[] | null;
}

/** 256 cividis colours as RGB bytes, so a redraw writes pixels instead of parsing colour strings. */
function heatTable(): Uint8ClampedArray {
  const table = new Uint8ClampedArray(256 * 3);
  for (let j = 0; j < 256; j++) {
    const rgb = /rgb\((\d+), (\d+), (\d+)\)/.exec(heatColour(j / 255) ?? '') ?? ['', '0', '0', '0'];
    table[j * 3] = Number(rgb[1]);
    table[j * 3 + 1] = Number(rgb[2]);
    table[j * 3 + 2] = Number(rgb[3]);
  }
  return table;
}

function rowHeight(stations: number): number {
  return stations <= 16 ? 7 : stations <= 32 ? 4 : stations <= 64 ? 2 : 1.25;
}

/**
 * Each shard's (or backend's) utilisation over time, one row per station, time-aligned with the
 * charts above: a hot shard is a bright row among dark ones. Beside it, the busiest station and
 * the mean at the readout time, and a table of the run's per-station figures.
 */
export function ShardHeatmap(props: ShardHeatmapProps) {
  const { source, noun, x, from, to, binS, width, theme, version, readoutBin, cursorS, totals } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const table = useMemo(() => heatTable(), []);
  const stations = source.stations;
  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotH = Math.max(24, Math.round(stations * rowHeight(stations)));
  const height = plotH + MARGIN.top + MARGIN.bottom;
  const ink = chartInk(theme);
  const reading = readShards(source, readoutBin);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d') ?? null;
    if (canvas === null || ctx === null) return;
    const ratio = fitCanvas(canvas, plotW, plotH);
    const h = canvas.height;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, h);
    const last = Math.min(to, source.length);
    const bins = last - from;
    if (bins <= 0 || stations === 0) return;
    // One pixel per bin and station, drawn scaled up without smoothing: cheap at any run length.
    const image = new ImageData(bins, stations);
    const px = image.data;
    for (let k = 0; k < stations; k++) {
      for (let i = 0; i < bins; i++) {
        const u = source.at(from + i, k);
        if (!Number.isFinite(u)) continue;
        const j = Math.round(Math.min(1, Math.max(0, u)) * 255) * 3;
        const o = (k * bins + i) * 4;
        px[o] = table[j]!;
        px[o + 1] = table[j + 1]!;
        px[o + 2] = table[j + 2]!;
        px[o + 3] = 255;
      }
    }
    const tile = document.createElement('canvas');
    tile.width = bins;
    tile.height = stations;
    tile.getContext('2d')?.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    const x0 = x(from * binS) * ratio;
    const x1 = x(last * binS) * ratio;
    ctx.drawImage(tile, x0, 0, Math.max(1, x1 - x0), h);
    // `version` stands for the buffer, which changes in place.
  }, [version, plotW, plotH, from, to, binS, x, stations, source, table]);

  const label = noun === 'shard' ? 'Shard' : 'Backend';
  const hot = reading.hottest;
  const cursorX = cursorS === null ? null : x(cursorS);
  return (
    <figure className="chart shard-heatmap" data-chart="shards" data-stations={stations} data-hottest={hot} data-max={Number.isFinite(reading.max) ? reading.max : ''} data-mean={Number.isFinite(reading.mean) ? reading.mean : ''}>
      <figcaption>
        <span className="chart-title">
          {label} utilisation <small>({stations} {noun}s, busy slots / slots)</small>
        </span>
        <ul className="legend">
          <li>
            busiest {hot >= 0 ? `${noun} ${hot}` : '—'} <b>{percent(reading.max)}</b>
          </li>
          <li>
            mean across {noun}s <b>{percent(reading.mean)}</b>
          </li>
          <li className="heat-scale" aria-hidden="true">
            0%
            <span className="heat-bar" style={{ background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((u) => heatColour(u) ?? '').join(', ')})` }} />
            100%
          </li>
        </ul>
      </figcaption>
      <div className="chart-plot" style={{ height }}>
        <canvas ref={canvasRef} style={{ left: MARGIN.left, top: MARGIN.top, width: plotW, height: plotH }} />
        <svg className="chart-over" width={width} height={height} role="img" aria-label={`${label} utilisation over time: one row per ${noun}, brighter is busier`}>
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            <text x={-6} y={0} dy="0.8em" textAnchor="end" fill={ink.text} className="tick">
              {noun} 0
            </text>
            <text x={-6} y={plotH} textAnchor="end" fill={ink.text} className="tick">
              {stations - 1}
            </text>
            {cursorX !== null && cursorX >= 0 && cursorX <= plotW && <line className="crosshair" x1={cursorX} x2={cursorX} y1={0} y2={plotH} stroke={ink.cursor} strokeWidth={1} />}
          </g>
        </svg>
      </div>
      {totals !== null && totals.length > 0 && <ShardTable noun={noun} totals={totals} />}
    </figure>
  );
}

/** The run's per-station figures as a table (also the heat map's text alternative). */
function ShardTable({ noun, totals }: { noun: 'shard' | 'backend'; totals: readonly ShardSummary[] }) {
  return (
    <details className="shard-table">
      <summary>Per-{noun} figures for the run so far</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{noun}</th>
            <th scope="col">offered (req/s)</th>
            <th scope="col">goodput (req/s)</th>
            <th scope="col">goodput / offered</th>
            <th scope="col">utilisation</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((s, k) => (
            <tr key={k} data-shard={k}>
              <th scope="row">{k}</th>
              <td>{s.offered.toFixed(1)}</td>
              <td>{s.goodput.toFixed(1)}</td>
              <td>{s.offered > 0 ? percent(s.goodput / s.offered) : '—'}</td>
              <td>{s.utilisation === null ? 'unbounded' : percent(s.utilisation)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
