import { useId, useState } from 'react';
import { importScenario, MAX_IMPORT_LENGTH } from '../../links/index';
import type { Scenario } from '../../sim/format';
import type { ImportResult } from '../../sim/configImport';
import { useLabStore } from '../LabContext';
import { ConfigImportReport } from './ConfigImportReport';
import { Dialog } from './Dialog';

/** An Envoy, gRPC or resilience4j configuration put on `base`, or why not; the importer (and its YAML parser) loads on first use. */
async function importConfigOnto(text: string, base: Scenario | null): Promise<{ result: ImportResult } | { error: string; notConfig: boolean }> {
  const { ConfigImportError, importConfig } = await import('../../sim/configImport');
  try {
    return { result: importConfig(text, base === null ? {} : { base }) };
  } catch (e) {
    if (!(e instanceof ConfigImportError)) throw e;
    return { error: e.message, notConfig: e.message.startsWith('not a configuration') || e.message.startsWith('not valid YAML') };
  }
}

/**
 * Open a scenario JSON (the CLI's format) pasted or read from a file, validated like the CLI; problems named by field.
 * An Envoy, gRPC or resilience4j configuration (as `sim import` reads) goes onto the current scenario, after a report
 * of every field it set, approximated or left out.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const store = useLabStore();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const errorId = useId();

  const start = async (scenario: Scenario) => {
    setBusy(true);
    const lab = store.getState();
    const started = await lab.openScenario(scenario, { presetId: null, play: true });
    setBusy(false);
    if (started) {
      lab.setTab('lab');
      onClose();
    } else {
      // The worker refused it (e.g. a model the lab does not run): its message names why.
      setError(store.getState().notice?.text ?? 'The scenario could not be started.');
    }
  };

  const open = async (input: string) => {
    setImported(null);
    const result = importScenario(input);
    if (result.ok) {
      await start(result.scenario);
      return;
    }
    if (result.reason === 'empty' || result.reason === 'too-long') {
      setError(result.error);
      return;
    }
    // Not a scenario: perhaps a configuration (YAML, or JSON of another shape). If it is neither, the scenario's reason stands.
    setBusy(true);
    const config = await importConfigOnto(input, store.getState().recorded);
    setBusy(false);
    if ('result' in config) {
      setError(null);
      setImported(config.result);
    } else setError(config.notConfig ? result.error : `This configuration cannot be imported: ${config.error}`);
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
      <p className="hint">
        A scenario JSON file, as the command line reads it (`npm run sim -- run file.json`); unknown fields are refused, as there. Or an Envoy retry
        policy, a gRPC service config or resilience4j properties (YAML or JSON), put on the current scenario as `npm run sim -- import` does.
      </p>
      <label className="share-field">
        <span>Scenario file</span>
        <input type="file" accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml" onChange={(e) => void readFile(e.currentTarget.files?.[0])} />
      </label>
      <label className="share-field">
        <span>Or paste the JSON (or YAML)</span>
        <textarea
          rows={10}
          value={text}
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setError(null);
            setImported(null);
          }}
        />
      </label>
      {error !== null && (
        <p id={errorId} role="alert" className="notice notice-error import-error">
          {error}
        </p>
      )}
      {imported !== null && <ConfigImportReport result={imported} />}
      {imported !== null ? (
        <button type="button" className="primary" disabled={busy} onClick={() => void start(imported.scenario)}>
          Open with these settings
        </button>
      ) : (
        <button type="button" className="primary" disabled={busy} onClick={() => void open(text)}>
          Open scenario
        </button>
      )}
    </Dialog>
  );
}
