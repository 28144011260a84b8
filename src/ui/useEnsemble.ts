import { useStore } from 'zustand';
import { ensembleKey, type Ensemble } from '../state/index';
import { useApp } from './AppContext';
import { useLab } from './LabContext';

/** Read one slice of the lab's seed ensemble. */
export function useEnsemble<T>(selector: (state: Ensemble) => T): T {
  return useStore(useApp().ensemble, selector);
}

/** Whether the ensemble ran the lab's scenario as it is now (live actions included): only then do its figures apply. */
export function useEnsembleIsCurrent(): boolean {
  const key = useEnsemble((s) => s.key);
  const recorded = useLab((s) => s.recorded);
  return key !== null && recorded !== null && key === ensembleKey(recorded);
}
