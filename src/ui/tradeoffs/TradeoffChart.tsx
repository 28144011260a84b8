import { TRADEOFF_MEASURES, type TradeoffMeasureKey, type TradeoffRow } from '../../sim/format';
import { formatMeasure } from './tradeoffText';

const W = 640;
const H = 360;
const M = { left: 56, right: 16, top: 16, bottom: 44 };

function ticks(lo: number, hi: number, n = 5): number[] {
  if (hi <= lo) return [lo];
  return Array.from({ length: n + 1 }, (_, i) => lo + ((hi - lo) * i) / n);
}

/**
 * Goodput share (up: better) against one cost (right: dearer), one point per configuration with both figures; the
 * frontier — the points no other beats on both — is joined by a line and drawn filled.
 */
export function TradeoffChart({ rows, cost, frontier }: { rows: readonly TradeoffRow[]; cost: TradeoffMeasureKey; frontier: ReadonlySet<string> }) {
  const measure = TRADEOFF_MEASURES.find((m) => m.key === cost)!;
  const points = rows.flatMap((r) => {
    const x = r[cost];
    const y = r.goodputShare;
    return x === null || y === null ? [] : [{ row: r, x, y }];
  });
  const xs = points.map((p) => p.x);
  let lo = Math.min(0, ...xs);
  let hi = Math.max(...xs, lo + 1e-9);
  if (measure.unit === 'share') hi = Math.max(hi, 0.05);
  const pad = (hi - lo) * 0.05;
  lo -= lo < 0 ? pad : 0;
  hi += pad;
  const sx = (x: number) => M.left + ((x - lo) / (hi - lo)) * (W - M.left - M.right);
  const sy = (y: number) => H - M.bottom - y * (H - M.top - M.bottom);
  const front = points.filter((p) => frontier.has(p.row.id)).sort((a, b) => a.x - b.x);
  const unit = measure.unit === 'share' ? 'share' : measure.unit;
  return (
    <svg className="tradeoff-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Goodput share against ${measure.label}: ${points.length} configurations, ${front.length} on the frontier`}>
      <g className="axis" aria-hidden="true">
        <line x1={M.left} y1={H - M.bottom} x2={W - M.right} y2={H - M.bottom} />
        <line x1={M.left} y1={M.top} x2={M.left} y2={H - M.bottom} />
        {ticks(0, 1).map((t) => (
          <text key={`y${t}`} x={M.left - 6} y={sy(t) + 4} textAnchor="end">
            {`${Math.round(t * 100)}%`}
          </text>
        ))}
        {ticks(lo, hi, 4).map((t) => (
          <text key={`x${t}`} x={sx(t)} y={H - M.bottom + 16} textAnchor="middle">
            {formatMeasure(unit, t)}
          </text>
        ))}
        <text x={(W + M.left) / 2} y={H - 6} textAnchor="middle">{`${measure.label} (cost) →`}</text>
        <text x={14} y={(H - M.bottom) / 2} textAnchor="middle" transform={`rotate(-90 14 ${(H - M.bottom) / 2})`}>
          goodput share (benefit) →
        </text>
      </g>
      {front.length > 1 && <polyline className="frontier" points={front.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} />}
      {points.map((p) => {
        const on = frontier.has(p.row.id);
        return (
          <g key={p.row.id} className={on ? 'point on-frontier' : 'point'} data-config={p.row.id}>
            <circle cx={sx(p.x)} cy={sy(p.y)} r={p.row.id === 'none' ? 6 : 4.5}>
              <title>{`${p.row.label}: goodput ${formatMeasure('share', p.y)}, ${measure.label} ${formatMeasure(unit, p.x)}${on ? ' (frontier)' : ''}`}</title>
            </circle>
            {!p.row.id.includes('+') && (
              <text x={sx(p.x) + 7} y={sy(p.y) - 6} aria-hidden="true">
                {p.row.id === 'none' ? 'baseline' : p.row.id}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
