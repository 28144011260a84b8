import type { ImportNote, ImportResult } from '../../sim/configImport';

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
      <NoteList title="Approximated" notes={result.approximated} />
      <NoteList title="Not imported" notes={result.unsupported} />
    </section>
  );
}

/** Fields of the configuration with what became of each; nothing when there are none. */
function NoteList({ title, notes }: { title: string; notes: readonly ImportNote[] }) {
  if (notes.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul className="config-list">
        {notes.map((n) => (
          <li key={`${n.path}:${n.text}`}>
            <code>{n.path}</code>: {n.text}
          </li>
        ))}
      </ul>
    </>
  );
}
