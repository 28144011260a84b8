import { useRef, useState } from 'react';
import { EMBED_CONTROLS, linkLength, xmlText, type EmbedControl } from '../../links/index';
import { linkOf, urlWithHash } from '../../state/index';
import { DEFAULT_EMBED_CONTROLS, embedView, parseOriginList } from '../embed/embedOptions';
import { useLab } from '../LabContext';
import { copyText, copyMessage } from './clipboard';
import { Dialog } from './Dialog';

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
  const [origin, setOrigin] = useState('');
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
          <input type="text" inputMode="numeric" value={String(height)} onChange={(e) => setHeight(Math.max(200, Math.min(4000, Math.round(Number(e.currentTarget.value)) || 640)))} />
        </label>
        <label className="share-field grow">
          <span>Embedding page (origin allowed to send commands, optional)</span>
          <input type="text" placeholder="https://course.example.org" value={origin} onChange={(e) => setOrigin(e.currentTarget.value)} />
        </label>
      </div>
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
