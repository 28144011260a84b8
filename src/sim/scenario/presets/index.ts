import { mm1 } from './mm1';
import type { Preset } from './preset';
import { retryStorm } from './retryStorm';
import { retryStormLowLoad } from './retryStormLowLoad';
import { retryStormNoRetries } from './retryStormNoRetries';

export type { Preset, RawScenario } from './preset';

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null) {
    for (const value of Object.values(x)) deepFreeze(value);
    Object.freeze(x);
  }
  return x;
}

/** Every preset, in gallery order. Frozen: overrides go through setPath, which copies. */
export const PRESETS: Preset[] = [retryStorm, retryStormLowLoad, retryStormNoRetries, mm1].map(deepFreeze);

/** The preset with this id, if any. */
export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
