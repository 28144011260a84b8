import { createContext, use, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Lab, LabStore } from '../state/index';

const LabContext = createContext<LabStore | null>(null);

/** Make a lab store available to the components below (the page's, or a test's). */
export function LabProvider({ store, children }: { store: LabStore; children: ReactNode }) {
  return <LabContext value={store}>{children}</LabContext>;
}

/** Read one slice of the lab; the component re-renders only when that slice changes. */
export function useLab<T>(selector: (state: Lab) => T): T {
  const store = use(LabContext);
  if (store === null) throw new Error('useLab must be used inside <LabProvider>.');
  return useStore(store, selector);
}

/** The store itself, for event handlers that read the latest state without subscribing. */
export function useLabStore(): LabStore {
  const store = use(LabContext);
  if (store === null) throw new Error('useLabStore must be used inside <LabProvider>.');
  return store;
}
