import { useLab } from './LabContext';

/** The preset's story, the replayable scenario and the run's fingerprint (compare with the CLI). */
export function RunDetails() {
  const presets = useLab((s) => s.presets);
  const presetId = useLab((s) => s.presetId);
  const recorded = useLab((s) => s.recorded);
  const fingerprint = useLab((s) => s.fingerprint);
  const pageFingerprint = useLab((s) => s.pageFingerprint);
  const framesFingerprint = useLab((s) => s.framesFingerprint);
  const preset = presets.find((p) => p.id === presetId);
  return (
    <section className="panel details" aria-labelledby="details-heading">
      <h2 id="details-heading">{preset?.title ?? 'Scenario'}</h2>
      {preset !== undefined && (
        <>
          <p>{preset.story}</p>
          <p>
            <strong>Watch:</strong> {preset.watch}
          </p>
        </>
      )}
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
