import { useEffect, useEffectEvent } from 'react';
import { useLabStore } from './LabContext';

/**
 * Whether a key belongs to where focus is: every key in a field (it types or moves), Space and Enter on a
 * button, link or summary (they activate it). Other keys on a button still work as shortcuts.
 */
function ownedByFocus(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return true;
  return ['BUTTON', 'A', 'SUMMARY'].includes(target.tagName) && (key === ' ' || key === 'Enter');
}

/** What the page does for the shortcuts that are not the lab's own. */
export interface ShortcutHandlers {
  onHelp?: () => void;
  onPresenter?: () => void;
}

/**
 * Trainer shortcuts: Space plays or pauses, "." steps one bin, "i" injects the chosen trigger, "r" resets,
 * "n" opens the next preset, "p" toggles presenter mode, "?" shows the list. None fires while a dialog is open.
 */
export function useShortcuts(handlers: ShortcutHandlers = {}): void {
  const store = useLabStore();
  // The latest handlers, without re-subscribing to the keyboard when the caller passes new functions.
  const onPresenter = useEffectEvent(() => handlers.onPresenter?.());
  const onHelp = useEffectEvent(() => handlers.onHelp?.());
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || ownedByFocus(e.target, e.key)) return;
      if (document.querySelector('dialog[open]') !== null) return;
      const lab = store.getState();
      switch (e.key) {
        case ' ':
          e.preventDefault();
          if (lab.playing) lab.pause();
          else lab.play();
          return;
        case '.':
          void lab.stepOnce();
          return;
        case 'r':
          void lab.reset();
          return;
        case 'i': {
          // The Triggers panel's choice when it shows; else a plain spike.
          const button = document.querySelector<HTMLButtonElement>('button[data-shortcut="inject"]');
          if (button !== null && button.offsetParent !== null) {
            if (!button.disabled) button.click();
          } else if (!lab.done) {
            void lab.injectNow({ kind: 'spike', duration: 10, factor: 2 });
          }
          return;
        }
        case 'n': {
          const { presets, presetId, playing } = lab;
          if (presets.length === 0) return;
          const at = presets.findIndex((p) => p.id === presetId);
          const next = presets[(at + 1) % presets.length];
          if (next === undefined) return;
          void lab.loadPreset(next.id).then(() => {
            if (playing) store.getState().play();
          });
          return;
        }
        case 'p':
          onPresenter();
          return;
        case '?':
          onHelp();
          return;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);
}
