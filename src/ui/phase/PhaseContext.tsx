import { useStore } from 'zustand';
import type { Phase, PhaseStore } from '../../state/index';
import { useApp } from '../AppContext';

export function usePhaseStore(): PhaseStore {
  return useApp().phase;
}

/** Read one slice of the phase map. */
export function usePhase<T>(selector: (state: Phase) => T): T {
  return useStore(usePhaseStore(), selector);
}
