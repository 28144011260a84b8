import { createContext, use, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createPhaseStore, type Phase, type PhaseStore } from '../../state/index';
import { createSweepPool, defaultPoolSize } from '../../worker/index';

const PhaseContext = createContext<PhaseStore | null>(null);
let pageStore: PhaseStore | null = null;

/** The page's phase map, created on first use: its pool starts no worker until a map runs, and it outlives the tab. */
function pagePhaseStore(): PhaseStore {
  pageStore ??= createPhaseStore(createSweepPool({ size: defaultPoolSize(typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency) }));
  return pageStore;
}

/** Give the components below a phase-map store (a test's, with a fake pool); without it they use the page's. */
export function PhaseProvider({ store, children }: { store: PhaseStore; children: ReactNode }) {
  return <PhaseContext value={store}>{children}</PhaseContext>;
}

export function usePhaseStore(): PhaseStore {
  return use(PhaseContext) ?? pagePhaseStore();
}

/** Read one slice of the phase map. */
export function usePhase<T>(selector: (state: Phase) => T): T {
  return useStore(usePhaseStore(), selector);
}
