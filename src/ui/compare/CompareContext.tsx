import { useStore } from 'zustand';
import type { Compare, CompareStore } from '../../state/index';
import { useApp } from '../AppContext';

export function useCompareStore(): CompareStore {
  return useApp().compare;
}

export function useCompare<T>(selector: (state: Compare) => T): T {
  return useStore(useCompareStore(), selector);
}
