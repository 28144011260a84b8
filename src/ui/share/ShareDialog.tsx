import { useRef, useState } from 'react';
import { EMBED_CONTROLS, linkLength, xmlText, type EmbedControl } from '../../links/index';
import { linkOf, urlWithHash } from '../../state/index';
import { DEFAULT_EMBED_CONTROLS, embedView, parseOriginList, rejectedOrigins } from '../embed/embedOptions';
import { useLab } from '../LabContext';
import { copyText, copyMessage } from './clipboard';
import { Dialog } from './Dialog';

const MIN_HEIGHT = 200;
const MAX_HEIGHT = 4000;

/** The iframe height typed, or why it is not one (checked when the field is left, never per keystroke). */
function readHeight(text: string): { ok: true; px: number } | { ok: false; error: string } {
  const px = Number(text.trim());
  if (text.trim() !== '' && Number.isInteger(px) && px >= MIN_HEIGHT && px <= MAX_HEIGHT) return { ok: true, px };
  return { ok: false, error: `Height: got ${JSON.stringify(text)}, expected a whole number of pixels from ${MIN_HEIGHT} to ${MAX_HEIGHT}` };
}

const CONTROL_LABELS: Record<EmbedControl, string> = { transport: 'Playback', triggers: 'Triggers', sliders: 'Sliders' };

/** Copy the link of the run (with its length and a warning when long) and make an embed snippet. */
export function ShareDialog({ onClose }: { onClose: () => void }) {
  const recorded = useLab((s) => s.recorded);
  const tab = useLab((s) => s.tab);
  const speed = useLab((s) => s.speed);
  const [status, setStatus] = useState('');
  const [controls, setControls] = useState<EmbedControl[]>([...DEFAULT_EMBED_CONTROLS]);
  const [autoplay, setAutoplay] = useState(false);
  const [height, setHeight] = useState(640);
  const [heightText, setHeightText] = useState('640');
  const [heightError, setHeightError] = useState<string | null>(null);
  const [origin, setOrigin] = useState('');
  const [originLeft, setOriginLeft] = useState(false);
  const linkField = useRef<HTMLInputElement>(null);
  const snippetField = useRef<HTMLTextAreaElement>(null);

  const hash = linkOf({ recorded, tab, speed });
  if (hash === null || recorded === null) {
    return (
      <Dialog title="Share" onClose={onClose}>
        <p>The scenario has not started yet.</p>
      </Dialog>
    );
  }
  const url = urlWithHash(location.href, hash);
  const length = linkLength(url, recorded);
  const origins = parseOriginList(origin);
  const skipped = originLeft ? rejectedOrigins(origin) : [];
  const commitHeight = () => {
    const read = readHeight(heightText);
    if (read.ok) {
      setHeight(read.px);
      setHeightText(String(read.px));
    }
    setHeightError(read.ok ? null : read.error);
  };
  const embedHash = linkOf({ recorded, tab: 'lab', speed }, embedView({ controls, autoplay, origins }));
  const embedUrl = urlWithHash(location.href, embedHash ?? '');
  const snippet = `<iframe src="${xmlText(embedUrl)}" title="${xmlText(recorded.name)} — Metastability Lab" width="100%" height="${height}" style="border:0" loading="lazy" allow="fullscreen"></iframe>`;

  const copy = async (text: string, field: HTMLInputElement | HTMLTextAreaElement | null, what: string) => {
    setStatus(copyMessage(await copyText(text, field), what));
  };

  return (
    <Dialog title="Share this run" onClose={onClose} className="share-dialog">
      <p className="hint">The link holds the scenario, its seed and your live changes and triggers: whoever opens it replays this run exactly.</p>
      <label className="share-field">
        <span>Link</span>
        <input ref={linkField} type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-length={length.length} />
      </label>
      <div className="share-row">
        <button type="button" className="primary" onClick={() => void copy(url, linkField.current, 'The link')}>
          Copy link
        </button>
        <span className="link-length" data-status={length.status}>
          {length.length} characters
        </span>
      </div>
      {length.warning !== null && (
        <p className="notice notice-warning link-warning" role="note">
          {length.warning}
        </p>
      )}
      <p className="share-status" role="status" aria-live="polite">
        {status}
      </p>

      <h3>Embed</h3>
      <fieldset className="embed-options">
        <legend>Controls shown in the embed</legend>
        {EMBED_CONTROLS.map((c) => (
          <label key={c} className="check">
            <input
              type="checkbox"
              checked={controls.includes(c)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setControls((list) => (on ? [...list, c] : list.filter((x) => x !== c)));
              }}
            />
            {CONTROL_LABELS[c]}
          </label>
        ))}
        <label className="check">
          <input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.currentTarget.checked)} />
          Run at once (otherwise it waits for a click)
        </label>
      </fieldset>
      <div className="share-row">
        <label className="number">
          <span>Height (px)</span>
          <input
            type="text"
            inputMode="numeric"
            value={heightText}
            aria-invalid={heightError !== null}
            aria-describedby="share-height-range"
            onChange={(e) => setHeightText(e.currentTarget.value)}
            onBlur={commitHeight}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitHeight();
            }}
          />
          <small id="share-height-range">
            {MIN_HEIGHT} to {MAX_HEIGHT}
          </small>
        </label>
        <label className="share-field grow">
          <span>Embedding page (origin allowed to send commands, optional)</span>
          <input
            type="text"
            placeholder="https://course.example.org"
            value={origin}
            aria-invalid={skipped.length > 0}
            onChange={(e) => setOrigin(e.currentTarget.value)}
            onBlur={() => setOriginLeft(true)}
          />
        </label>
      </div>
      {heightError !== null && (
        <p role="alert" className="field-error">
          {heightError}
        </p>
      )}
      {skipped.length > 0 && (
        <p role="alert" className="field-error">
          Embedding page: {skipped.map((p) => JSON.stringify(p)).join(', ')} {skipped.length === 1 ? 'is not an origin' : 'are not origins'}, expected https:// or http://
          and a host, e.g. https://course.example.org
        </p>
      )}
      <label className="share-field">
        <span>Snippet</span>
        <textarea ref={snippetField} readOnly rows={4} value={snippet} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" onClick={() => void copy(snippet, snippetField.current, 'The snippet')}>
        Copy snippet
      </button>
    </Dialog>
  );
}
