import { useEffect, useRef, useState } from 'react';
import { linkOf, urlWithHash } from '../../state/index';
import { useLab, useLabStore } from '../LabContext';
import { LabView } from '../LabView';
import { useLesson } from '../lesson/useLesson';
import type { EmbedOptions } from './embedOptions';
import { startHeightReports, startMessageApi, startPredictionReports } from './messageApi';
import { useApp } from '../AppContext';

/**
 * The lab embedded in another page (`embed=1`): no masthead, tabs or side panels beyond the controls
 * the link asks for; nothing runs until the viewer clicks (unless `autoplay=1`); the height goes to the
 * embedding page, and commands come from it (allowed origins only).
 */
export function EmbedApp({ options }: { options: EmbedOptions }) {
  const store = useLabStore();
  const root = useRef<HTMLDivElement>(null);
  const playing = useLab((s) => s.playing);
  const ready = useLab((s) => s.recorded !== null);
  const recorded = useLab((s) => s.recorded);
  const speed = useLab((s) => s.speed);
  const inLesson = useLesson((s) => s.lessonId !== null);
  const [started, setStarted] = useState(options.autoplay);
  if (playing && !started) setStarted(true);

  const lessons = useApp().lesson;
  useEffect(() => {
    return startMessageApi(store, window, { allowed: options.origins, onCommand: () => setStarted(true), lessons });
  }, [store, options.origins, lessons]);

  useEffect(() => {
    if (window.parent === window) return;
    // The lab's own origin and the allowed ones: a prediction never goes to a page the link did not allow.
    return startPredictionReports(lessons, (message, origin) => window.parent.postMessage(message, origin), [location.origin, ...options.origins]);
  }, [lessons, options.origins]);

  useEffect(() => {
    const el = root.current;
    if (el === null || window.parent === window) return;
    const regions = [...el.querySelectorAll('.lab-main, .lab-side')];
    const watched = [el, ...regions.flatMap((r) => [...r.children])];
    // The embed fills the frame and its regions scroll: the height it needs is the frame's plus what they hide.
    const measure = () => {
      const hidden = regions.map((r) => (r instanceof HTMLElement && r.offsetParent !== null ? r.scrollHeight - r.clientHeight : 0));
      const [main, side] = regions as HTMLElement[];
      const stacked = main !== undefined && side !== undefined && side.offsetTop > main.offsetTop + 1;
      return el.getBoundingClientRect().height + (stacked ? hidden.reduce((a, b) => a + b, 0) : Math.max(0, ...hidden));
    };
    // Only a number goes out, so any embedding page may read it.
    return startHeightReports(watched, measure, (message) => window.parent.postMessage(message, '*'));
  }, []);
  const start = () => {
    if (!ready) return;
    setStarted(true);
    store.getState().play();
  };

  const hash = linkOf({ recorded, tab: 'lab', speed });
  const full = hash === null ? null : urlWithHash(location.href, hash);
  const shown = (name: string) => (options.controls.has(name as never) ? '' : undefined);

  return (
    <div
      ref={root}
      className="embed-root"
      data-show-transport={shown('transport')}
      data-show-triggers={shown('triggers')}
      data-show-sliders={shown('sliders')}
      data-lesson={inLesson ? '' : undefined}
    >
      <LabView />
      {/* A lesson step plays when its prediction is answered, or at once: no veil over its panel. */}
      {!started && !inLesson && (
        // A click anywhere on the veil runs too (it covers the controls, Play among them); the button is the keyboard's way.
        <div className="click-to-run" onClick={start}>
          <button type="button" className="primary" disabled={!ready}>
            ▶ Click to run
          </button>
        </div>
      )}
      <footer className="embed-bar">
        <span>Metastability Lab</span>
        {full !== null && (
          <a href={full} target="_blank" rel="noopener noreferrer">
            Open in the full lab
          </a>
        )}
      </footer>
    </div>
  );
}
