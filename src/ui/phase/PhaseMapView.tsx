import { useEffect } from 'react';
import type { Scenario } from '../../sim/index';
import { AXIS_PAIRS, AXIS_PARAMS, axisGrid, axisPath, formatAxisValue, PHASE_MAX_STEPS, validateAxis, type AxisPairId, type AxisSetting, type PhaseMap, type SeedMode } from '../../state/index';
import { VERDICT_LABELS, VERDICTS, verdictColour, type Theme } from '../../viz/index';
import { useCommands } from '../AppContext';
import { useLab } from '../LabContext';
import { maxRecovery, PhaseGrid, shareColour } from './PhaseGrid';
import { usePhase, usePhaseStore } from './PhaseContext';
import { useWidth } from '../useWidth';

/** A number field that keeps what the user typed (NaN when it is not a number) until the map runs. */
function NumberInput({ label, value, onChange, step }: { label: string; value: number; onChange: (v: number) => void; step?: string }) {
  return (
    <label className="number">
      <span>{label}</span>
      <input type="number" step={step ?? 'any'} value={Number.isNaN(value) ? '' : value} onChange={(e) => onChange(e.currentTarget.value === '' ? NaN : Number(e.currentTarget.value))} />
    </label>
  );
}

/** The values an axis will run, in words, with the `sim sweep` axis that runs the same. */
function axisPlan(axis: AxisSetting, scenario: Scenario | null): string | null {
  if (scenario === null || validateAxis(axis, scenario).length > 0) return null;
  const grid = axisGrid(axis);
  const path = axisPath(axis, scenario);
  const sweep = path === null ? '' : ` (sim sweep: ${path}=${grid.from}:${grid.to}:${grid.steps})`;
  if (grid.steps === 1) return `Runs ${grid.from} only${sweep}.`;
  return `Runs ${grid.from} to ${grid.to} by ${grid.step}: ${grid.steps} values${sweep}.`;
}

function AxisFields({ which, axis, scenario }: { which: 'x' | 'y'; axis: AxisSetting; scenario: Scenario | null }) {
  const setAxis = usePhase((s) => s.setAxis);
  const param = AXIS_PARAMS[axis.param];
  const name = `${which === 'x' ? 'X' : 'Y'}: ${param.label.toLowerCase()} (${param.unit})`;
  const plan = axisPlan(axis, scenario);
  return (
    <fieldset className="phase-axis">
      <legend>{name}</legend>
      <NumberInput label={`${which.toUpperCase()} from`} value={axis.from} onChange={(v) => setAxis(which, { from: v })} />
      <NumberInput label={`${which.toUpperCase()} to`} value={axis.to} onChange={(v) => setAxis(which, { to: v })} />
      <NumberInput label={`${which.toUpperCase()} steps`} value={axis.steps} step="1" onChange={(v) => setAxis(which, { steps: v })} />
      {plan !== null && <small className="axis-plan">{plan}</small>}
    </fieldset>
  );
}

/** How many seeds each cell runs: one (a verdict), a fixed number, or adaptively (a share of stuck seeds). */
function SeedFields() {
  const settings = usePhase((s) => s.seedSettings);
  const setSeedSettings = usePhase((s) => s.setSeedSettings);
  return (
    <fieldset className="phase-seeds">
      <legend>Seeds per cell</legend>
      <label className="select">
        <span>Seeds</span>
        <select value={settings.mode} onChange={(e) => setSeedSettings({ mode: e.currentTarget.value as SeedMode })}>
          <option value="one">One seed: a verdict per cell</option>
          <option value="fixed">Fixed: the same number in every cell</option>
          <option value="adaptive">Adaptive: more seeds where the outcome is in doubt</option>
        </select>
      </label>
      {settings.mode === 'fixed' && <NumberInput label="Seeds per cell" value={settings.perCell} step="1" onChange={(v) => setSeedSettings({ perCell: v })} />}
      {settings.mode === 'adaptive' && <NumberInput label="Most seeds per cell" value={settings.maxPerCell} step="1" onChange={(v) => setSeedSettings({ maxPerCell: v })} />}
      {settings.mode === 'adaptive' && (
        <>
          <NumberInput label="Seed budget per cell" value={settings.budgetPerCell} onChange={(v) => setSeedSettings({ budgetPerCell: v })} />
          <NumberInput label="Target width" value={settings.targetWidth} onChange={(v) => setSeedSettings({ targetWidth: v })} />
        </>
      )}
      {settings.mode === 'adaptive' && (
        <small>
          Every cell runs 2 seeds; then cells whose seeds disagree, or whose neighbours lie on the other side of 50 % stuck, get 2 more per round until
          their 95 % interval is no wider than the target width or the budget (per cell on average) is spent. `sim sweep --adaptive` runs the same seeds.
        </small>
      )}
    </fieldset>
  );
}

function ProbabilityLegend() {
  const stops = [0, 0.25, 0.5, 0.75, 1];
  return (
    <ul className="phase-legend" aria-label="Share of stuck seeds">
      <li>
        <span className="swatch swatch-wide" aria-hidden="true" style={{ background: `linear-gradient(to right, ${stops.map((t) => shareColour(t)).join(', ')})` }} />
        share of seeds that stay stuck (metastable): pale 0 %, dark 100 %
      </li>
      <li>
        <span aria-hidden="true">◦</span> the cell’s 95 % interval still holds 50 %: which side it lies on is uncertain (the contour’s uncertainty band)
      </li>
      <li>
        <span aria-hidden="true">━</span> the 50 % contour, between cells on either side of half stuck
      </li>
    </ul>
  );
}

function Legend({ map, theme }: { map: PhaseMap | null; theme: Theme }) {
  if (map?.probability != null) return <ProbabilityLegend />;
  const top = map === null ? 1 : maxRecovery(map);
  return (
    <ul className="phase-legend" aria-label="Verdict colours">
      {VERDICTS.map((v) => (
        <li key={v} data-verdict={v} data-colour={verdictColour(theme, v, 0)} data-colour-slow={v === 'recovered' ? verdictColour(theme, v, 1) : undefined}>
          <span
            className="swatch"
            aria-hidden="true"
            style={{ background: v === 'recovered' ? `linear-gradient(to right, ${verdictColour(theme, v, 0)}, ${verdictColour(theme, v, 1)})` : verdictColour(theme, v) }}
          />
          {VERDICT_LABELS[v]}
          {v === 'recovered' && map !== null && ` — light 0 s, dark ${formatAxisValue(top)} s`}
        </li>
      ))}
    </ul>
  );
}

function Progress() {
  const completed = usePhase((s) => s.completed);
  const total = usePhase((s) => s.total);
  const status = usePhase((s) => s.status);
  const elapsedMs = usePhase((s) => s.elapsedMs);
  const workers = usePhase((s) => s.workers);
  const computeMs = usePhase((s) => s.computeMs);
  const seeds = usePhase((s) => s.map?.probability ?? null);
  const done = status === 'done' || status === 'cancelled';
  const pct = total > 0 ? Math.round(((done && seeds !== null ? total : completed) / total) * 100) : 0;
  const unit = seeds === null ? 'cells' : 'seeds';
  const counted = seeds === null ? `${completed} of ${total} cells` : `${completed} seeds of ${seeds.mode === 'adaptive' ? 'at most ' : ''}${total}`;
  const words: Record<typeof status, string> = {
    idle: 'Not run yet.',
    running: `Running on ${workers} worker${workers === 1 ? '' : 's'}…`,
    done: `Done in ${((elapsedMs ?? 0) / 1000).toFixed(1)} s on ${workers} worker${workers === 1 ? '' : 's'}.`,
    cancelled: 'Cancelled.',
    failed: 'Failed.',
  };
  return (
    <div className="phase-progress">
      <div className="progress-track" role="progressbar" aria-label="Phase map progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={`${completed} of ${total} ${unit} (${pct}%)`}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <p className="phase-status" data-status={status} data-elapsed-ms={elapsedMs ?? ''} data-compute-ms={computeMs} data-seeds={seeds === null ? '' : completed}>
        {counted} · {words[status]}
      </p>
    </div>
  );
}

/** The phase map: sweep two fields of the lab's scenario in a pool of workers and colour each cell by its verdict. */
export function PhaseMapView() {
  const scenario = useLab((s) => s.recorded);
  const theme = useLab((s) => s.theme);
  const commands = useCommands();
  const phaseStore = usePhaseStore();
  const pair = usePhase((s) => s.pair);
  const x = usePhase((s) => s.x);
  const y = usePhase((s) => s.y);
  const runLengthS = usePhase((s) => s.runLengthS);
  const problems = usePhase((s) => s.problems);
  const status = usePhase((s) => s.status);
  const message = usePhase((s) => s.message);
  const notice = usePhase((s) => s.notice);
  const map = usePhase((s) => s.map);
  const version = usePhase((s) => s.version);
  const [ref, width] = useWidth(760);

  useEffect(() => {
    if (scenario !== null) phaseStore.getState().ensureAxes(scenario);
  }, [scenario, phaseStore]);

  const run = () => {
    commands.runPhaseMap();
  };
  const open = (index: number) => {
    void (map?.probability != null ? commands.openCellSeeds(index) : commands.openCellInLab(index));
  };

  return (
    <main className="phase-map" aria-labelledby="phase-heading">
      <section className="panel phase-controls" aria-labelledby="phase-heading">
        <h2 id="phase-heading">Phase map</h2>
        <p className="hint">
          Sweep two fields of the lab’s scenario{scenario !== null ? ` (“${scenario.name}”, live changes left out)` : ''}: every cell is a full run to its end, coloured by its
          verdict. Runs use every core; the lab pauses meanwhile.
        </p>
        <form
          className="phase-form"
          onSubmit={(e) => {
            e.preventDefault();
            run();
          }}
        >
          <label className="select">
            <span>Axes</span>
            <select value={pair} onChange={(e) => scenario !== null && phaseStore.getState().choosePair(e.currentTarget.value as AxisPairId, scenario)}>
              {AXIS_PAIRS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          {x !== null && <AxisFields which="x" axis={x} scenario={scenario} />}
          {y !== null && <AxisFields which="y" axis={y} scenario={scenario} />}
          <SeedFields />
          <label className="number">
            <span>Run length (s)</span>
            <input
              type="number"
              step="any"
              placeholder={scenario !== null ? String(scenario.duration) : ''}
              value={runLengthS === null || Number.isNaN(runLengthS) ? '' : runLengthS}
              onChange={(e) => phaseStore.getState().setRunLength(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
            />
          </label>
          <div className="buttons">
            <button type="submit" className="primary" disabled={scenario === null || status === 'running'}>
              Run map
            </button>
            <button type="button" onClick={() => phaseStore.getState().cancel()} disabled={status !== 'running'}>
              Cancel
            </button>
            <button type="button" onClick={() => scenario !== null && phaseStore.getState().choosePair(pair, scenario)} disabled={scenario === null}>
              Default ranges
            </button>
          </div>
        </form>
        <p className="hint">
          Up to {PHASE_MAX_STEPS} steps per axis, rounded to steps of 1, 2, 2.5 or 5 × 10ⁿ inside the range (so a map may have fewer cells than asked); the first
          trigger’s fields are swept when the axes name a trigger.
        </p>
        {problems.length > 0 && (
          <div className="field-error phase-problems" role="alert">
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {message !== null && (
          <p className="field-error" role="alert">
            {message}
          </p>
        )}
        {notice !== null && (
          <p className="hint phase-notice" role="status">
            {notice}
          </p>
        )}
        <Progress />
      </section>
      <section className="panel phase-result" aria-label="Map" ref={ref}>
        {map === null ? <p className="hint">Set the axes and press “Run map”.</p> : <PhaseGrid map={map} version={version} theme={theme} width={width} onOpen={open} />}
        <Legend map={map} theme={theme} />
      </section>
    </main>
  );
}
