import type { RunFigures, RunStatus } from '../state/index';
import { formatLatency, formatRate, formatSeconds } from './format';
import { useRunState } from './RunStoreContext';
import { VERDICT_TEXT } from './verdicts';

function statusText(status: RunStatus, error: string | null): string {
  switch (status) {
    case 'idle':
      return 'Not run yet.';
    case 'running':
      return 'Running the simulation…';
    case 'failed':
      return `The run failed: ${error ?? 'unknown error'}`;
    case 'done':
      return 'Run finished.';
  }
}

function Figures({ figures }: { figures: RunFigures }) {
  const verdict = VERDICT_TEXT[figures.verdict];
  return (
    <>
      <p className="verdict" data-verdict={figures.verdict}>
        <strong>{verdict.label}</strong>: {verdict.explain}
        {figures.recoveryTimeS !== null && ` Recovery took ${formatSeconds(figures.recoveryTimeS)} after the trigger ended.`}
      </p>
      {figures.stopped !== null && <p className="status-failed">The run stopped early: {figures.stopped}</p>}
      <dl className="figures">
        <div>
          <dt>Offered load</dt>
          <dd data-figure="offered" data-value={figures.offeredPerS}>
            {formatRate(figures.offeredPerS)}
          </dd>
        </div>
        <div>
          <dt>Goodput</dt>
          <dd data-figure="goodput" data-value={figures.goodputPerS}>
            {formatRate(figures.goodputPerS)}
          </dd>
        </div>
        <div>
          <dt>Latency p99</dt>
          <dd data-figure="p99" data-value={figures.p99S ?? ''}>
            {figures.p99S === null ? '— (no request succeeded)' : formatLatency(figures.p99S)}
          </dd>
        </div>
        <div>
          <dt>Verdict</dt>
          <dd data-figure="verdict">{verdict.label}</dd>
        </div>
      </dl>
    </>
  );
}

/** The outcome of the last run: verdict and headline figures. */
export function ResultPanel() {
  const status = useRunState((s) => s.status);
  const error = useRunState((s) => s.error);
  const figures = useRunState((s) => s.figures);

  return (
    <section className="panel" aria-labelledby="result-heading" aria-busy={status === 'running'}>
      <h2 id="result-heading">Result</h2>
      <p role="status" className={status === 'failed' ? 'status status-failed' : 'status'}>
        {statusText(status, error)}
      </p>
      {figures !== null && <Figures figures={figures} />}
    </section>
  );
}
