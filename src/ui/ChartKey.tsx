import { chartInk, colourOf, type LatencyView, type Theme } from '../viz/index';

export interface ChartKeyProps {
  theme: Theme;
  /** Start of the bin the legends read, seconds. */
  readoutS: number;
  /** Whether that bin was picked by hovering or scrubbing (else it is the latest). */
  chosen: boolean;
  /** Whether the scenario has assertions (the Checks strip shows where they failed). */
  checks?: boolean;
}

const seconds = (s: number) => `${Number(s.toFixed(2))} s`;

/** The key to what every chart shares — the state strip, trigger shading, action marks, the Checks strip — and the time the legends read. */
export function ChartKey({ theme, readoutS, chosen, checks = false }: ChartKeyProps) {
  const ink = chartInk(theme);
  const box = (fill: string) => (
    <svg width="14" height="10" aria-hidden="true">
      <rect x="0" y="0" width="14" height="10" fill={fill} />
    </svg>
  );
  return (
    <div className="chart-key">
      <output className="readout-time" data-readout-time={readoutS} aria-live="off">
        {chosen ? `t = ${seconds(readoutS)}` : `t = ${seconds(readoutS)} (latest)`}
      </output>
      <ul className="legend" aria-label="Chart key">
        <li data-key="good">
          {box(ink.good)} good
        </li>
        <li data-key="bad">
          {box(ink.bad)} bad (goodput &lt; 90% of offered)
        </li>
        <li data-key="unjudged">
          {box(ink.unjudged)} not judged yet
        </li>
        <li data-key="trigger">
          <svg width="14" height="10" aria-hidden="true">
            <rect x="0" y="0" width="14" height="10" fill={ink.trigger} stroke={ink.grid} />
          </svg>
          trigger
        </li>
        <li data-key="action">
          <svg width="14" height="12" aria-hidden="true">
            <line x1="7" x2="7" y1="0" y2="12" stroke={ink.action} strokeWidth="1.5" strokeDasharray="4 2" />
          </svg>
          your change
        </li>
        {checks && (
          <li data-key="violation">
            {box(colourOf(theme, 'purple'))} your invariant failed
          </li>
        )}
      </ul>
    </div>
  );
}

/** The latency chart's switch between the client view and successes only. */
export function LatencyViewSwitch({ view, onChange }: { view: LatencyView; onChange: (view: LatencyView) => void }) {
  return (
    <span className="latency-view" role="group" aria-label="Latency counts">
      <button type="button" aria-pressed={view === 'client'} onClick={() => onChange('client')}>
        Every request
      </button>
      <button type="button" aria-pressed={view === 'success'} onClick={() => onChange('success')}>
        Successes only
      </button>
    </span>
  );
}
