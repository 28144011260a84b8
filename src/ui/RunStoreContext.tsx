import { createContext, use, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { RunState, RunStore } from '../state/index';

const RunStoreContext = createContext<RunStore | null>(null);

/** Make a run store available to the components below (the page's, or a test's). */
export function RunStoreProvider({ store, children }: { store: RunStore; children: ReactNode }) {
  return <RunStoreContext value={store}>{children}</RunStoreContext>;
}

/** Read one slice of the run state; the component re-renders only when that slice changes. */
export function useRunState<T>(selector: (state: RunState) => T): T {
  const store = use(RunStoreContext);
  if (store === null) throw new Error('useRunState must be used inside <RunStoreProvider>.');
  return useStore(store, selector);
}
