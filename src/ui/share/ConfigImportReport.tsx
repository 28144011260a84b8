import type { ImportResult } from '../../sim/configImport';

/** What an imported configuration set, approximated and left out: every field of it, before the user opens it. */
export function ConfigImportReport({ result }: { result: ImportResult }) {
  return (
    // Scrolls within the dialog when long; focusable so the keyboard can scroll it too.
    <section className="config-report" aria-labelledby="config-report-heading" tabIndex={0}>
      <h3 id="config-report-heading">Imported {result.source}</h3>
      <p>
        {result.mapped.length} fields set, {result.approximated.length} approximated, {result.unsupported.length} not imported, onto the lab&apos;s current scenario.
      </p>
      {result.notes.map((n) => (
        <p key={n} className="hint">
          {n}
        </p>
      ))}
      <h4>Set</h4>
      <ul className="config-list">
        {result.mapped.map((m) => (
          <li key={`${m.to}<${m.from}`}>
            <code>{m.to}</code> = <code>{JSON.stringify(m.value)}</code> from <code>{m.from}</code>
            {m.note !== null && <span className="hint"> ({m.note})</span>}
          </li>
        ))}
      </ul>
      {result.approximated.length > 0 && (
        <>
          <h4>Approximated</h4>
          <ul className="config-list">
            {result.approximated.map((a) => (
              <li key={`${a.path}:${a.text}`}>
                <code>{a.path}</code>: {a.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {result.unsupported.length > 0 && (
        <>
          <h4>Not imported</h4>
          <ul className="config-list">
            {result.unsupported.map((u) => (
              <li key={`${u.path}:${u.text}`}>
                <code>{u.path}</code>: {u.text}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
