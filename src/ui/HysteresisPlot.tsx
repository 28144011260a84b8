import { line, scaleLinear } from 'd3';
import { chartInk, colourOf, loopLegs, widestGap, type Hue, type ProfileCorner, type RampDirection } from '../viz/index';
import { useLab } from './LabContext';
import { useWidth } from './useWidth';

const MARGIN = { left: 60, right: 16, top: 10, bottom: 40 };
const HEIGHT = 280;
/** Seconds averaged per point: a 1-s bin of Poisson arrivals is too noisy to read a loop from. */
const BLOCK_S = 5;

const STYLE: Record<RampDirection, { hue: Hue; dash?: string; label: string }> = {
  up: { hue: 'blue', label: 'load going up' },
  down: { hue: 'vermillion', dash: '7 4', label: 'load coming down' },
  steady: { hue: 'grey', dash: '2 3', label: 'load holding' },
};

/** Goodput against offered load when the scenario ramps its load (`load.profile`): the way up and the way down as two curves. */
export function HysteresisPlot() {
  const profile = useLab((s) => s.recorded?.load.profile ?? null);
  return profile !== null && profile.length >= 2 ? <HysteresisChart profile={profile} /> : null;
}

function HysteresisChart({ profile }: { profile: readonly ProfileCorner[] }) {
  const series = useLab((s) => s.series);
  const version = useLab((s) => s.version);
  const binS = useLab((s) => s.binS);
  const theme = useLab((s) => s.theme);
  const [ref, width] = useWidth<HTMLElement>(640);

  const blockBins = Math.max(1, Math.round(BLOCK_S / binS));
  const legs = loopLegs(series.length, binS, profile, (i) => series.at('offered', i), (i) => series.at('goodput', i), blockBins);
  const plotW = Math.max(120, Math.min(720, width - 32) - MARGIN.left - MARGIN.right);
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  let top = 1;
  for (const p of profile) top = Math.max(top, p.rate);
  for (const leg of legs) for (const p of leg.points) top = Math.max(top, p.offered, p.goodput);
  const x = scaleLinear().domain([0, top]).range([0, plotW]).nice();
  const y = scaleLinear().domain(x.domain()).range([plotH, 0]);
  const ink = chartInk(theme);
  const path = line<{ offered: number; goodput: number }>()
    .x((p) => x(p.offered))
    .y((p) => y(p.goodput));
  const gap = widestGap(legs);
  const directions = [...new Set(legs.map((l) => l.direction))];
  const summary =
    gap === null
      ? 'Goodput against offered load; the loop appears once the load has gone up and come back down.'
      : `Goodput against offered load: at about ${gap.offered.toFixed(0)} requests/s offered, goodput was ${gap.up.toFixed(0)}/s on the way up and ${gap.down.toFixed(0)}/s on the way down.`;

  return (
    <section ref={ref} className="panel hysteresis" aria-labelledby="hysteresis-heading" data-version={version}>
      <h2 id="hysteresis-heading">Hysteresis: goodput against offered load</h2>
      <p className="hint">
        Each point is a {BLOCK_S}-s mean; arrows follow time. Where the two curves part, the state depends on the path, not on the load.
      </p>
      <svg width={plotW + MARGIN.left + MARGIN.right} height={HEIGHT} role="img" aria-label={summary} data-gap={gap === null ? '' : JSON.stringify(gap)}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {x.ticks(6).map((t) => (
            <g key={`x${t}`}>
              <line x1={x(t)} x2={x(t)} y1={0} y2={plotH} stroke={ink.grid} />
              <text x={x(t)} y={plotH + 16} textAnchor="middle" fill={ink.text} className="tick">
                {t}
              </text>
            </g>
          ))}
          {y.ticks(5).map((t) => (
            <g key={`y${t}`}>
              <line x1={0} x2={plotW} y1={y(t)} y2={y(t)} stroke={ink.grid} />
              <text x={-6} y={y(t)} dy="0.32em" textAnchor="end" fill={ink.text} className="tick">
                {t}
              </text>
            </g>
          ))}
          <line x1={x(0)} y1={y(0)} x2={x(top)} y2={y(top)} stroke={ink.text} strokeDasharray="1 3" />
          {legs.map((leg, k) => {
            const style = STYLE[leg.direction];
            const colour = colourOf(theme, style.hue);
            const arrows = leg.points.filter((_, i) => i > 0 && i % 6 === 3);
            return (
              <g key={k} className={`leg leg-${leg.direction}`} data-points={leg.points.length}>
                <path d={path(leg.points) ?? ''} fill="none" stroke={colour} strokeWidth={2} strokeDasharray={style.dash} />
                {arrows.map((p) => {
                  const prev = leg.points[leg.points.indexOf(p) - 1]!;
                  const angle = (Math.atan2(y(p.goodput) - y(prev.goodput), x(p.offered) - x(prev.offered)) * 180) / Math.PI;
                  return <path key={p.t} d="M-6,-4 L2,0 L-6,4 Z" fill={colour} transform={`translate(${x(p.offered)},${y(p.goodput)}) rotate(${angle})`} />;
                })}
              </g>
            );
          })}
          <text x={plotW / 2} y={plotH + 34} textAnchor="middle" fill={ink.text} className="axis-label">
            Offered load (requests/s)
          </text>
          <text transform={`translate(${-44},${plotH / 2}) rotate(-90)`} textAnchor="middle" fill={ink.text} className="axis-label">
            Goodput (requests/s)
          </text>
        </g>
      </svg>
      <ul className="legend">
        {directions.map((d) => (
          <li key={d} data-series={d}>
            <svg width="22" height="10" aria-hidden="true">
              <line x1="1" x2="21" y1="5" y2="5" stroke={colourOf(theme, STYLE[d].hue)} strokeWidth="2.5" strokeDasharray={STYLE[d].dash} />
            </svg>
            {STYLE[d].label}
          </li>
        ))}
        <li data-series="diagonal">
          <svg width="22" height="10" aria-hidden="true">
            <line x1="1" x2="21" y1="5" y2="5" stroke={ink.text} strokeWidth="1.5" strokeDasharray="1 3" />
          </svg>
          goodput = offered
        </li>
      </ul>
    </section>
  );
}
