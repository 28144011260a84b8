import { useState } from 'react';
import { SPEEDS } from '../state/index';
import { useLab } from './LabContext';
import { formatSeconds } from './format';

const speedLabel = (s: number) => (s === Infinity ? 'Unthrottled' : `${s}×`);

/** Preset, play / pause / step / speed / reset, seed and run length. */
export function Transport() {
  const playing = useLab((s) => s.playing);
  const done = useLab((s) => s.done);
  const durationS = useLab((s) => s.durationS);
  const speed = useLab((s) => s.speed);
  const seed = useLab((s) => s.recorded?.seed ?? null);
  const presets = useLab((s) => s.presets);
  const presetId = useLab((s) => s.presetId);
  const play = useLab((s) => s.play);
  const pause = useLab((s) => s.pause);
  const stepOnce = useLab((s) => s.stepOnce);
  const setSpeed = useLab((s) => s.setSpeed);
  const reset = useLab((s) => s.reset);
  const setSeed = useLab((s) => s.setSeed);
  const setDuration = useLab((s) => s.setDuration);
  const loadPreset = useLab((s) => s.loadPreset);
  const ready = useLab((s) => s.recorded !== null);

  return (
    <section className="panel transport" aria-label="Playback">
      <label className="select preset">
        <span>Scenario</span>
        <select value={presetId ?? ''} onChange={(e) => void loadPreset(e.currentTarget.value)}>
          {presetId === null && <option value="">Custom scenario</option>}
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </label>
      <div className="buttons">
        {playing ? (
          <button type="button" onClick={pause} aria-keyshortcuts="Space">
            Pause
          </button>
        ) : (
          <button type="button" onClick={play} disabled={!ready || done} aria-keyshortcuts="Space">
            Play
          </button>
        )}
        <button type="button" onClick={() => void stepOnce()} disabled={!ready || done} aria-keyshortcuts=".">
          Step
        </button>
        <button type="button" onClick={() => void reset()} disabled={!ready} aria-keyshortcuts="R">
          Reset
        </button>
      </div>
      <label className="select">
        <span>Speed</span>
        <select value={String(speed)} onChange={(e) => setSpeed(Number(e.currentTarget.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <NumberField label="Seed" value={seed} min={0} max={4294967295} onCommit={(v) => void setSeed(v)} />
      <NumberField label="Run length (s)" value={durationS || null} min={10} max={200000} onCommit={(v) => void setDuration(v)} />
      <Clock />
    </section>
  );
}

/** The simulated time: on its own, so the time moving re-renders only this line and not the playback controls. */
function Clock() {
  const nowS = useLab((s) => s.nowS);
  const durationS = useLab((s) => s.durationS);
  const done = useLab((s) => s.done);
  const replayToS = useLab((s) => s.replayToS);
  return (
    <>
      <p className="clock" aria-live="off" data-now={nowS}>
        t = {formatSeconds(nowS)} of {formatSeconds(durationS)}
        {done && ' — finished'}
      </p>
      {replayToS !== null && <ReplayProgress nowS={nowS} toS={replayToS} />}
    </>
  );
}

/** A run opened at a later time (a link's playhead) is replayed to it first: how far that has got. */
function ReplayProgress({ nowS, toS }: { nowS: number; toS: number }) {
  const percent = Math.min(100, Math.floor((100 * nowS) / toS));
  return (
    <p className="replay" role="status" data-percent={percent}>
      <label>
        <span>Replaying to t = {formatSeconds(toS)}</span>{' '}
        <progress max={100} value={percent}>
          {percent} %
        </progress>{' '}
        <span>{percent} %</span>
      </label>
    </p>
  );
}

/** A whole-number field applied on Enter or blur; out-of-range input is refused with a message naming the range. */
function NumberField({ label, value, min, max, onCommit }: { label: string; value: number | null; min: number; max: number; onCommit: (v: number) => void }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (text === null) return;
    const v = Number(text);
    if (text.trim() === '' || !Number.isInteger(v) || v < min || v > max) {
      setError(`${label}: got "${text}", expected a whole number from ${min} to ${max}`);
      return;
    }
    setError(null);
    setText(null);
    if (v !== value) onCommit(v);
  };
  return (
    <label className="number">
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        value={text ?? (value === null ? '' : String(value))}
        aria-invalid={error !== null}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {error !== null && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </label>
  );
}
