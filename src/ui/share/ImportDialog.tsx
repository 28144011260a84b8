import { useId, useState } from 'react';
import { importScenario, MAX_IMPORT_LENGTH } from '../../links/index';
import { useLabStore } from '../LabContext';
import { Dialog } from './Dialog';

/** Open a scenario JSON (the CLI's format) pasted or read from a file, validated like the CLI; problems named by field. */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const store = useLabStore();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  const open = async (input: string) => {
    const result = importScenario(input);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setBusy(true);
    const lab = store.getState();
    const started = await lab.openScenario(result.scenario, { presetId: null, play: true });
    setBusy(false);
    if (started) {
      lab.setTab('lab');
      onClose();
    } else {
      // The worker refused it (e.g. a model the lab does not run): its message names why.
      setError(store.getState().notice?.text ?? 'The scenario could not be started.');
    }
  };

  const readFile = async (file: File | undefined) => {
    if (file === undefined) return;
    if (file.size > MAX_IMPORT_LENGTH * 4) {
      setError(`This file has ${file.size} bytes; a scenario has at most ${MAX_IMPORT_LENGTH} characters.`);
      return;
    }
    const content = await file.text();
    setText(content.length > 200_000 ? '' : content);
    await open(content);
  };

  return (
    <Dialog title="Open a scenario" onClose={onClose} className="import-dialog">
      <p className="hint">A scenario JSON file, as the command line reads it (`npm run sim -- run file.json`). Unknown fields are refused, as there.</p>
      <label className="share-field">
        <span>Scenario file</span>
        <input type="file" accept=".json,application/json" onChange={(e) => void readFile(e.currentTarget.files?.[0])} />
      </label>
      <label className="share-field">
        <span>Or paste the JSON</span>
        <textarea
          rows={10}
          value={text}
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setError(null);
          }}
        />
      </label>
      {error !== null && (
        <p id={errorId} role="alert" className="notice notice-error import-error">
          {error}
        </p>
      )}
      <button type="button" className="primary" disabled={busy} onClick={() => void open(text)}>
        Open scenario
      </button>
    </Dialog>
  );
}
