import { useEffect } from 'react';
import { useLabStore } from './LabContext';

/** Keys that would type or activate something where focus is: shortcuts leave them alone. */
function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(target.tagName));
}

/** Trainer shortcuts: Space plays or pauses, "." steps one bin, "r" resets. */
export function useShortcuts(): void {
  const store = useLabStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isEditable(e.target)) return;
      const lab = store.getState();
      if (e.key === ' ') {
        e.preventDefault();
        if (lab.playing) lab.pause();
        else lab.play();
      } else if (e.key === '.') {
        void lab.stepOnce();
      } else if (e.key === 'r') {
        void lab.reset();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);
}
