import { useCallback, useEffect, useSyncExternalStore } from 'react';

// One presenter switch for the page: the App toggles it, the charts read it to thicken their lines.
let presenterOn = false;
const listeners = new Set<() => void>();

function setPresenter(on: boolean): void {
  if (on === presenterOn) return;
  presenterOn = on;
  document.documentElement.classList.toggle('presenter', on);
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => presenterOn;

/** Whether presenter mode is on: larger type, thicker chart lines. */
export function usePresenterOn(): boolean {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/**
 * Presenter mode: large type (a class on the root element) and, where the Fullscreen API is offered,
 * full screen. Leaving full screen (Esc) leaves presenter mode too.
 */
export function usePresenter(): [boolean, () => void] {
  const on = usePresenterOn();

  useEffect(() => {
    const onChange = () => {
      if (document.fullscreenElement == null) setPresenter(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const toggle = useCallback(() => {
    const next = !presenterOn;
    const root = document.documentElement;
    if (next && typeof root.requestFullscreen === 'function' && document.fullscreenEnabled) {
      // Refused outside a user gesture or in an iframe without allow="fullscreen": large type still applies.
      root.requestFullscreen().catch(() => {});
    } else if (!next && document.fullscreenElement != null && typeof document.exitFullscreen === 'function') {
      document.exitFullscreen().catch(() => {});
    }
    setPresenter(next);
  }, []);

  return [on, toggle];
}
