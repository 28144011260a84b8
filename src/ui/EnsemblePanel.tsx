import { useMemo } from 'react';
import { ENSEMBLE_MAX_SEEDS, ENSEMBLE_MIN_SEEDS, percentRange } from '../state/index';
import { VERDICTS, type EnsembleReport } from '../sim/format';
import { verdictColour } from '../viz/index';
import { useCommands } from './AppContext';
import { useLab } from './LabContext';
import { useEnsemble, useEnsembleIsCurrent } from './useEnsemble';

const seconds = (s: number) => `${Number(s.toPrecision(3))} s`;

/** "Run N seeds": the lab's scenario on N seeds, with each verdict's share, its 95 % interval and the recovery times. */
export function EnsemblePanel() {
  const commands = useCommands();
  const seeds = useEnsemble((s) => s.seeds);
  const setSeeds = useEnsemble((s) => s.setSeeds);
  const status = useEnsemble((s) => s.status);
  const completed = useEnsemble((s) => s.completed);
  const total = useEnsemble((s) => s.total);
  const report = useEnsemble((s) => s.report);
  const message = useEnsemble((s) => s.message);
  const bandNote = useEnsemble((s) => s.bandNote);
  const cancel = useEnsemble((s) => s.cancel);
  const current = useEnsembleIsCurrent();
  const ready = useLab((s) => s.recorded !== null);
  const running = status === 'running';
  return (
    <section className="panel ensemble" aria-labelledby="ensemble-heading" data-status={status}>
      <h2 id="ensemble-heading">Seeds</h2>
      <p className="hint">Near the edge the same scenario recovers on some seeds and stays stuck on others. Run it, live changes included, on several seeds.</p>
      <div className="ensemble-controls">
        <label>
          <span>Seeds</span>
          <input
            type="number"
            min={ENSEMBLE_MIN_SEEDS}
            max={ENSEMBLE_MAX_SEEDS}
            step={1}
            value={seeds}
            disabled={running}
            onChange={(e) => setSeeds(Number(e.currentTarget.value))}
          />
        </label>
        {running ? (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="primary" disabled={!ready} onClick={() => commands.runEnsemble()}>
            Run {seeds} seeds
          </button>
        )}
      </div>
      {running && (
        <p className="ensemble-progress">
          <progress max={total} value={completed} aria-label="Seeds run" /> {completed} of {total} seeds
        </p>
      )}
      {status === 'cancelled' && <p className="hint">Cancelled after {completed} of {total} seeds.</p>}
      {status === 'failed' && message !== null && <p className="error">{message}</p>}
      {report !== null && (
        <>
          {!current && <p className="hint stale">These figures are for an earlier version of the scenario (before the last change); run the seeds again to update them.</p>}
          <EnsembleFigures report={report} />
          {bandNote !== null && <p className="hint">{bandNote}</p>}
        </>
      )}
    </section>
  );
}

function EnsembleFigures({ report }: { report: EnsembleReport }) {
  const theme = useLab((s) => s.theme);
  const json = useMemo(() => JSON.stringify(report), [report]);
  const times = report.runs.filter((r) => r.verdict === 'recovered' && r.recoveryTime !== null).map((r) => r.recoveryTime!);
  const q = report.recoveryTime;
  return (
    <div className="ensemble-figures" data-n={report.n}>
      <table className="ensemble-shares">
        <caption>
          Share of {report.n} seeds per verdict, with the 95 % (Wilson) interval
        </caption>
        <thead>
          <tr>
            <th scope="col">Verdict</th>
            <th scope="col">Seeds</th>
            <th scope="col">Share</th>
            <th scope="col">95 % interval</th>
          </tr>
        </thead>
        <tbody>
          {VERDICTS.filter((v) => report.shares[v].k > 0 || v === 'metastable').map((v) => {
            const s = report.shares[v];
            return (
              <tr key={v} data-verdict={v} data-k={s.k} data-low={s.low} data-high={s.high}>
                <th scope="row">
                  <svg width="10" height="10" aria-hidden="true">
                    <rect width="10" height="10" fill={verdictColour(theme, v)} />
                  </svg>{' '}
                  {v}
                </th>
                <td>
                  {s.k} of {s.n}
                </td>
                <td>{Math.round(s.share * 100)} %</td>
                <td>{percentRange(s.low, s.high)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {q === null ? (
        <p className="hint">No seed recovered, so there is no recovery time to show.</p>
      ) : (
        <figure className="ensemble-recovery">
          <figcaption>
            Recovery time over the {q.n} recovered {q.n === 1 ? 'seed' : 'seeds'}: median {seconds(q.p50)}, 10–90 % {seconds(q.p10)}–{seconds(q.p90)} (shortest {seconds(q.min)}, longest {seconds(q.max)}).
          </figcaption>
          <RecoveryStrip times={times} min={q.min} max={q.max} />
        </figure>
      )}
      <details>
        <summary>As JSON (what `sim run --seeds {report.n}` prints)</summary>
        <pre className="ensemble-json" tabIndex={0} aria-label="The ensemble as JSON">{json}</pre>
      </details>
    </div>
  );
}

/** The recovery times as dots on a line, one per recovered seed (stacked where they coincide). */
function RecoveryStrip({ times, min, max }: { times: number[]; min: number; max: number }) {
  const W = 260;
  const span = max - min || 1;
  const stacks = new Map<number, number>();
  return (
    <svg className="recovery-strip" width={W + 20} height={44} role="img" aria-label={`Recovery times of ${times.length} seeds, from ${seconds(min)} to ${seconds(max)}`}>
      <line x1={10} x2={W + 10} y1={34} y2={34} stroke="currentColor" strokeOpacity={0.4} />
      {times.map((t, i) => {
        const px = Math.round(10 + ((t - min) / span) * W);
        const level = stacks.get(px) ?? 0;
        stacks.set(px, level + 1);
        return <circle key={i} cx={px} cy={30 - Math.min(level, 5) * 5} r={2.5} fill="currentColor" />;
      })}
      <text x={10} y={43} fontSize={9} fill="currentColor">
        {seconds(min)}
      </text>
      <text x={W + 10} y={43} fontSize={9} textAnchor="end" fill="currentColor">
        {seconds(max)}
      </text>
    </svg>
  );
}
