import { useEffect, useState } from 'react';
import { messageOf } from '../../sim/format';
import { currentStep } from '../../state/index';
import { useApp } from '../AppContext';
import { useLab, useLabStore } from '../LabContext';
import { clipFrames, clipUnsupported, MAX_CLIP_FRAMES, recordClip, type ClipMark, type ClipRange } from './clip';
import { Dialog } from './Dialog';
import { download, fileStem } from './download';

/** The problem with a range, naming the field, or null. */
export function clipProblem(r: ClipRange, nowS: number): string | null {
  if (!Number.isFinite(r.fromS) || r.fromS < 0) return 'From: expected a number of seconds, 0 or more';
  if (!Number.isFinite(r.toS) || r.toS <= r.fromS || r.toS > nowS) return `To: expected a time after From and at most the run's current time (${Math.floor(nowS)} s)`;
  if (!Number.isInteger(r.fps) || r.fps < 1 || r.fps > 60) return 'Frames per second: expected a whole number from 1 to 60';
  if (!Number.isFinite(r.speed) || r.speed <= 0 || r.speed > 1000) return 'Speed: expected simulated seconds per second of video, above 0 and at most 1000';
  if (clipFrames(r) > MAX_CLIP_FRAMES) return `The clip would have ${clipFrames(r)} frames; at most ${MAX_CLIP_FRAMES}: raise the speed or lower the frame rate`;
  return null;
}

/** Export the run so far, or a range of it, as a WebM clip of the load chart with the lesson step's mark. */
export function ClipDialog({ onClose }: { onClose: () => void }) {
  const store = useLabStore();
  const lessons = useApp().lesson;
  const nowS = useLab((s) => s.nowS);
  const theme = useLab((s) => s.theme);
  const [fromS, setFrom] = useState('0');
  const [toS, setTo] = useState(String(Math.floor(nowS)));
  const [fps, setFps] = useState('30');
  const [speed, setSpeed] = useState(String(Math.max(1, Math.ceil(nowS / 10))));
  const [unsupported, setUnsupported] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void clipUnsupported().then(setUnsupported);
  }, []);
  const range: ClipRange = { fromS: Number(fromS), toS: Number(toS), fps: Number(fps), speed: Number(speed) };
  const problem = clipProblem(range, nowS);

  const record = async () => {
    setBusy(true);
    try {
      const result = await store.getState().fetchResult();
      const step = currentStep(lessons.getState())?.step;
      const h = step?.highlight;
      const mark: ClipMark | null = h === undefined ? null : h.target === 'band' ? { from: h.from, to: h.to, label: h.label } : h.target === 'moment' ? { from: h.at, label: h.label } : null;
      const blob = await recordClip(result, range, {
        title: step?.title ?? result.scenario.name,
        mark,
        theme,
        onProgress: (done) => setStatus(`Recording… ${Math.round(done * 100)}%`),
      });
      download(`${fileStem(result.scenario.name, result.scenario.seed)}-${range.fromS}-${range.toS}s.webm`, blob);
      setStatus(`Saved: ${clipFrames(range)} frames, ${(clipFrames(range) / range.fps).toFixed(2)} s of video.`);
    } catch (error) {
      setStatus(`The clip failed: ${messageOf(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const field = (label: string, value: string, set: (v: string) => void) => (
    <label className="clip-field">
      <span>{label}</span>
      <input type="number" inputMode="decimal" value={value} onChange={(e) => set(e.currentTarget.value)} />
    </label>
  );
  return (
    <Dialog title="Video clip" onClose={onClose} className="clip-dialog">
      <p className="hint">The load chart drawn from the run's own series, frame by frame, with the lesson step's mark: a WebM file for slides.</p>
      {unsupported !== null ? (
        <p role="alert">{unsupported}</p>
      ) : (
        <>
          {field('From (s)', fromS, setFrom)}
          {field('To (s)', toS, setTo)}
          {field('Frames per second', fps, setFps)}
          {field('Speed (simulated s per video s)', speed, setSpeed)}
          <p className="hint" role="status">
            {problem ?? `${clipFrames(range)} frames: ${(clipFrames(range) / range.fps).toFixed(2)} s of video.`}
          </p>
          <button type="button" className="primary" disabled={busy || problem !== null} onClick={() => void record()}>
            Record clip
          </button>
          {status !== null && <p className="clip-status">{status}</p>}
        </>
      )}
    </Dialog>
  );
}
