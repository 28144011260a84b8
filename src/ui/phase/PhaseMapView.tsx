import { useEffect } from 'react';
import type { Scenario } from '../../sim/index';
import { AXIS_PAIRS, AXIS_PARAMS, axisGrid, axisPath, formatAxisValue, PHASE_MAX_STEPS, validateAxis, type AxisPairId, type AxisSetting, type PhaseMap } from '../../state/index';
import { VERDICT_LABELS, VERDICTS, verdictColour, type Theme } from '../../viz/index';
import { useCommands } from '../AppContext';
import { useLab } from '../LabContext';
import { maxRecovery, PhaseGrid } from './PhaseGrid';
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

function Legend({ map, theme }: { map: PhaseMap | null; theme: Theme }) {
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
  const pct = total > 0 ? Math.round((completed / total) * 100) : 0;
  const words: Record<typeof status, string> = {
    idle: 'Not run yet.',
    running: `Running on ${workers} worker${workers === 1 ? '' : 's'}…`,
    done: `Done in ${((elapsedMs ?? 0) / 1000).toFixed(1)} s on ${workers} worker${workers === 1 ? '' : 's'}.`,
    cancelled: 'Cancelled.',
    failed: 'Failed.',
  };
  return (
    <div className="phase-progress">
      <div className="progress-track" role="progressbar" aria-label="Phase map progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={`${completed} of ${total} cells (${pct}%)`}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <p className="phase-status" data-status={status} data-elapsed-ms={elapsedMs ?? ''} data-compute-ms={computeMs}>
        {completed} of {total} cells · {words[status]}
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
    void commands.openCellInLab(index);
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
