import { useLab } from './LabContext';

/** The replayable scenario and the run's fingerprint (compare with the CLI); the story sits above the charts. */
export function RunDetails() {
  const recorded = useLab((s) => s.recorded);
  const fingerprint = useLab((s) => s.fingerprint);
  const pageFingerprint = useLab((s) => s.pageFingerprint);
  const framesFingerprint = useLab((s) => s.framesFingerprint);
  return (
    <section className="panel details" aria-labelledby="details-heading">
      <h2 id="details-heading">Run details</h2>
      <p className="fingerprint">
        Series fingerprint (SHA-256): <code data-fingerprint={fingerprint ?? ''}>{fingerprint ?? 'when the run finishes'}</code>
        {pageFingerprint !== null && (
          <span data-page-fingerprint={pageFingerprint}>{pageFingerprint === framesFingerprint ? ' — the page received exactly these series.' : ' — the page received different series!'}</span>
        )}
      </p>
      <p className="hint">Compare with the command line: npm run -s sim -- run scenario.json, then SHA-256 of JSON.stringify(series).</p>
      {recorded !== null && (
        <details>
          <summary>Scenario JSON (replays this run, live changes included)</summary>
          <pre data-scenario>{JSON.stringify(recorded, null, 2)}</pre>
        </details>
      )}
    </section>
  );
}
