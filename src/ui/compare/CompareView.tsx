import { useEffect } from 'react';
import { COMPARE_SPEEDS, CURES, type CompareSideState, type CompareSource, type CureId } from '../../state/index';
import { CHARTS, timeScale, timeWindow, type RefLine } from '../../viz/index';
import { Chart, chartTop, MARGIN } from '../Chart';
import { WINDOW_S } from '../ChartStack';
import { formatSeconds } from '../format';
import { useCommands } from '../AppContext';
import { useLab } from '../LabContext';
import { useCompare, useCompareStore } from './CompareContext';
import { compareRows } from './compareFigures';
import { useWidth } from '../useWidth';

const CHART_IDS = ['load', 'latency', 'queue'] as const;
const CHART_HEIGHT = 96;
const NO_TRIGGERS: never[] = [];

const sourceValue = (s: CompareSource) => (s.kind === 'lab' ? 'lab' : `preset:${s.id}`);
const sourceOf = (v: string): CompareSource => (v.startsWith('preset:') ? { kind: 'preset', id: v.slice('preset:'.length) } : { kind: 'lab' });
const refFor = (side: CompareSideState, id: string): RefLine | null =>
  id === 'latency' && side.recorded?.client.timeout != null ? { value: side.recorded.client.timeout, label: 'timeout' } : null;

function SourceSelect({ label, value, onChange }: { label: string; value: CompareSource; onChange: (s: CompareSource) => void }) {
  const presets = useLab((s) => s.presets);
  return (
    <label className="select">
      <span>{label}</span>
      <select value={sourceValue(value)} onChange={(e) => onChange(sourceOf(e.currentTarget.value))}>
        <option value="lab">The lab’s scenario</option>
        {presets.map((p) => (
          <option key={p.id} value={`preset:${p.id}`}>
            {p.title}
          </option>
        ))}
      </select>
    </label>
  );
}

function Pane({ which, side, other, tops, width, version }: { which: 'left' | 'right'; side: CompareSideState; other: CompareSideState; tops: Map<string, number>; width: number; version: number }) {
  const theme = useLab((s) => s.theme);
  const durationS = Math.max(side.durationS, other.durationS, 1);
  const domain = timeWindow(durationS, side.nowS, WINDOW_S);
  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const x = timeScale(domain, plotW);
  const from = Math.max(0, Math.floor(domain[0] / side.binS));
  const to = Math.min(side.series.length, Math.ceil(domain[1] / side.binS) + 1);
  return (
    <section className="panel compare-pane" data-side={which} data-seed={side.recorded?.seed} aria-label={`${which === 'left' ? 'Left' : 'Right'}: ${side.title}`}>
      <h3>
        {which === 'left' ? 'Left' : 'Right'}: {side.title}
      </h3>
      <p className="clock compare-clock" data-now={side.nowS}>
        t = {formatSeconds(side.nowS)} of {formatSeconds(side.durationS)}
        {side.done && ' — finished'} · {side.summary?.verdict ?? '—'}
        {side.summary !== null && !side.done && ' so far'}
      </p>
      {CHARTS.filter((c) => (CHART_IDS as readonly string[]).includes(c.id)).map((def) => (
        <Chart
          key={def.id}
          def={def}
          source={side.series}
          x={x}
          from={from}
          to={to}
          binS={side.binS}
          width={width}
          height={CHART_HEIGHT}
          theme={theme}
          version={version}
          readoutBin={side.series.length - 1}
          cursorS={null}
          triggers={side.recorded?.triggers ?? NO_TRIGGERS}
          actions={side.recorded?.actions ?? NO_TRIGGERS}
          refLine={refFor(side, def.id)}
          sharedTop={tops.get(def.id) ?? 0}
        />
      ))}
    </section>
  );
}

/** Two configurations on one seed, played side by side in lock step, with their key figures diffed. */
export function CompareView() {
  const labScenario = useLab((s) => s.recorded);
  const commands = useCommands();
  const store = useCompareStore();
  const leftSource = useCompare((s) => s.leftSource);
  const rightSource = useCompare((s) => s.rightSource);
  const rightChange = useCompare((s) => s.rightChange);
  const seed = useCompare((s) => s.seed);
  const status = useCompare((s) => s.status);
  const message = useCompare((s) => s.message);
  const left = useCompare((s) => s.left);
  const right = useCompare((s) => s.right);
  const playing = useCompare((s) => s.playing);
  const speed = useCompare((s) => s.speed);
  const version = useCompare((s) => s.version);
  const [ref, width] = useWidth(520);
  const paneWidth = width > 900 ? Math.floor((width - 16) / 2) - 34 : width - 34;

  const run = () => {
    void commands.startComparison();
  };
  // Leaving the view pauses both sides: two more simulations would take the cores from whatever view comes next.
  useEffect(() => () => store.getState().pause(), [store]);
  const hasScenario = labScenario !== null;
  useEffect(() => {
    // The first time the view has a scenario to compare: the lab's against it with the default change.
    if (hasScenario && store.getState().status === 'idle') void commands.startComparison();
  }, [hasScenario, store, commands]);

  const tops = new Map<string, number>();
  for (const def of CHARTS) {
    const top = Math.max(
      ...[left, right].map((side) => chartTop(def, side.series, 0, side.series.length, refFor(side, def.id))),
    );
    tops.set(def.id, top);
  }
  const rows = compareRows(left, right);
  const ready = status === 'ready';
  const done = left.done && right.done;

  return (
    <main className="compare" aria-labelledby="compare-heading">
      <section className="panel compare-controls" aria-labelledby="compare-heading">
        <h2 id="compare-heading">Compare</h2>
        <p className="hint">Both sides run on one seed, so they see the same traffic; every tick steps both to the same simulated time.</p>
        <form
          className="compare-form"
          onSubmit={(e) => {
            e.preventDefault();
            run();
          }}
        >
          <SourceSelect label="Left" value={leftSource} onChange={(s) => store.getState().choose({ leftSource: s })} />
          <SourceSelect label="Right" value={rightSource} onChange={(s) => store.getState().choose({ rightSource: s })} />
          <label className="select">
            <span>Right side’s change</span>
            <select value={rightChange} onChange={(e) => store.getState().choose({ rightChange: e.currentTarget.value as CureId, rightAlso: null })}>
              {CURES.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <label className="number">
            <span>Seed (both sides)</span>
            <input
              type="number"
              min={0}
              step={1}
              placeholder="the left side’s"
              value={seed ?? ''}
              onChange={(e) => {
                const v = e.currentTarget.value === '' ? null : Number(e.currentTarget.value);
                store.getState().choose({ seed: v !== null && Number.isInteger(v) && v >= 0 && v <= 4294967295 ? v : null });
              }}
            />
          </label>
          <button type="submit" className="primary" disabled={status === 'starting'}>
            Run both
          </button>
        </form>
        <div className="compare-transport">
          {playing ? (
            <button type="button" onClick={() => store.getState().pause()}>
              Pause both
            </button>
          ) : (
            <button
              type="button"
              onClick={() => commands.playComparison()}
              disabled={!ready || done}
            >
              Play both
            </button>
          )}
          <button type="button" onClick={() => void store.getState().reset()} disabled={!ready}>
            Reset both
          </button>
          <label className="select">
            <span>Compare speed</span>
            <select value={String(speed)} onChange={(e) => store.getState().setSpeed(Number(e.currentTarget.value))}>
              {COMPARE_SPEEDS.map((s) => (
                <option key={s} value={String(s)}>
                  {s}×
                </option>
              ))}
            </select>
          </label>
        </div>
        {message !== null && (
          <p className="field-error" role="alert">
            {message}
          </p>
        )}
      </section>
      <table className="panel compare-diff" aria-label="Key figures, left and right">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">Left</th>
            <th scope="col">Right</th>
            <th scope="col">Right − left</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-figure={r.key}>
              <th scope="row">{r.label}</th>
              <td>{r.left}</td>
              <td>{r.right}</td>
              <td>{r.diff}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div ref={ref} className="compare-panes" data-version={version}>
        <Pane which="left" side={left} other={right} tops={tops} width={paneWidth} version={version} />
        <Pane which="right" side={right} other={left} tops={tops} width={paneWidth} version={version} />
      </div>
    </main>
  );
}
