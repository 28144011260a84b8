import { createContext, use, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createCompareStore, type Compare, type CompareStore } from '../../state/index';
import { createSimBridge } from '../../worker/index';

const CompareContext = createContext<CompareStore | null>(null);
let pageStore: CompareStore | null = null;

/** The page's compare view, created on first use: two simulation workers of its own, started by the first run. */
function pageCompareStore(): CompareStore {
  pageStore ??= createCompareStore([createSimBridge(), createSimBridge()]);
  return pageStore;
}

/** Give the components below a compare store (a test's, over in-process sessions); without it they use the page's. */
export function CompareProvider({ store, children }: { store: CompareStore; children: ReactNode }) {
  return <CompareContext value={store}>{children}</CompareContext>;
}

export function useCompareStore(): CompareStore {
  return use(CompareContext) ?? pageCompareStore();
}

export function useCompare<T>(selector: (state: Compare) => T): T {
  return useStore(useCompareStore(), selector);
}
