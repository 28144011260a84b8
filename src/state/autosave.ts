/**
 * The current scenario saved in the browser (localStorage), so it comes back on reload. It is saved as
 * its link (recorded scenario, seed, tab, speed) and read back through the link decoder: stored text is
 * as untrusted as a link. Storage may be missing, full or forbidden (private modes): every access is guarded.
 */
import { MAX_HASH_LENGTH } from '../links/index';
import type { LabStore } from './labStore';
import { linkOf } from './linkSync';

export const AUTOSAVE_KEY = 'metastability-lab:autosave:v1';

/** Where the page saves: `() => window.localStorage` (the getter itself may throw). */
export type StorageSource = () => Pick<Storage, 'getItem' | 'setItem'> | null;

/** The saved link, or null when there is none or storage cannot be read. */
export function readAutosave(storage: StorageSource): string | null {
  try {
    const text = storage()?.getItem(AUTOSAVE_KEY) ?? null;
    return typeof text === 'string' && text.length <= MAX_HASH_LENGTH + 1 ? text : null;
  } catch {
    return null;
  }
}

export interface AutosaveOptions {
  /** Wait this long after the last change before saving. Default 1000 ms. */
  delayMs?: number;
}

/**
 * Save the lab's link after each change (debounced). Returns `flush` (save now if a save is due,
 * for `pagehide`) and `stop`. Saving fails quietly: a full or forbidden storage only means no autosave.
 */
export function startAutosave(store: LabStore, storage: StorageSource, options: AutosaveOptions = {}): { flush: () => void; stop: () => void } {
  const delayMs = options.delayMs ?? 1000;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let saved = readAutosave(storage);

  function save(): void {
    timer = null;
    const link = linkOf(store.getState());
    if (link === null || link === saved) return;
    try {
      storage()?.setItem(AUTOSAVE_KEY, link);
      saved = link;
    } catch {
      // Quota exceeded or storage forbidden: keep running without autosave.
    }
  }

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.recorded === prev.recorded && state.tab === prev.tab && state.speed === prev.speed) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  });

  return {
    flush() {
      if (timer === null) return;
      clearTimeout(timer);
      save();
    },
    stop() {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
