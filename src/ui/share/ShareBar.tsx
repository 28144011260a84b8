import { useState } from 'react';
import { messageOf } from '../../sim/format';
import { useLabStore } from '../LabContext';
import { exportRun, type ExportKind } from './exports';

export type DialogName = 'share' | 'import' | 'help' | 'glossary' | 'clip';

const EXPORTS: readonly { kind: ExportKind; label: string; title: string }[] = [
  { kind: 'png', label: 'PNG', title: 'The charts as a PNG image (the link is in its metadata)' },
  { kind: 'svg', label: 'SVG', title: 'The charts as an SVG drawing (the link is in its metadata)' },
  { kind: 'csv', label: 'CSV', title: 'The series as CSV, as the command line writes them' },
  { kind: 'json', label: 'JSON', title: 'Scenario, summary and series as the command line’s JSON' },
];

/** Share, open, export, presenter mode and help: the page's tools beside the masthead. */
export function ShareBar({ onDialog, presenter, onPresenter }: { onDialog: (name: DialogName) => void; presenter: boolean; onPresenter: () => void }) {
  const store = useLabStore();
  const [busy, setBusy] = useState<ExportKind | null>(null);

  const run = async (kind: ExportKind) => {
    setBusy(kind);
    try {
      await exportRun(store, kind, location.href);
    } catch (error) {
      store.getState().showNotice({ tone: 'error', text: `The ${kind.toUpperCase()} export failed: ${messageOf(error)}` });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="sharebar">
      <button type="button" className="primary" onClick={() => onDialog('share')}>
        Share…
      </button>
      <button type="button" onClick={() => onDialog('import')}>
        Open scenario…
      </button>
      <div role="group" aria-label="Export" className="export-group">
        <span aria-hidden="true">Export</span>
        {EXPORTS.map((e) => (
          <button key={e.kind} type="button" title={e.title} aria-label={`Export ${e.label}`} disabled={busy !== null} onClick={() => void run(e.kind)}>
            {e.label}
          </button>
        ))}
        <button type="button" title="The load chart as a WebM video, drawn from the run" onClick={() => onDialog('clip')}>
          Clip…
        </button>
      </div>
      <button type="button" aria-pressed={presenter} aria-keyshortcuts="P" onClick={onPresenter}>
        Presenter
      </button>
      <button type="button" aria-keyshortcuts="Shift+?" onClick={() => onDialog('help')}>
        Shortcuts
      </button>
      <button type="button" onClick={() => onDialog('glossary')}>
        Glossary
      </button>
    </div>
  );
}
