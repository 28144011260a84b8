import { useCallback, useEffect, useState } from 'react';

/**
 * Presenter mode: large type (a class on the root element) and, where the Fullscreen API is offered,
 * full screen. Leaving full screen (Esc) leaves presenter mode too.
 */
export function usePresenter(): [boolean, () => void] {
  const [on, setOn] = useState(false);

  useEffect(() => {
    document.documentElement.classList.toggle('presenter', on);
  }, [on]);

  useEffect(() => {
    const onChange = () => {
      if (document.fullscreenElement == null) setOn(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const toggle = useCallback(() => {
    const next = !on;
    const root = document.documentElement;
    if (next && typeof root.requestFullscreen === 'function' && document.fullscreenEnabled) {
      // Refused outside a user gesture or in an iframe without allow="fullscreen": large type still applies.
      root.requestFullscreen().catch(() => {});
    } else if (!next && document.fullscreenElement != null && typeof document.exitFullscreen === 'function') {
      document.exitFullscreen().catch(() => {});
    }
    setOn(next);
  }, [on]);

  return [on, toggle];
}
