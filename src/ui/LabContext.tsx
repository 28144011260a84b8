import { useStore } from 'zustand';
import type { Lab, LabStore } from '../state/index';
import { useApp } from './AppContext';

/** Read one slice of the lab; the component re-renders only when that slice changes. */
export function useLab<T>(selector: (state: Lab) => T): T {
  return useStore(useApp().lab, selector);
}

/** The store itself, for event handlers that read the latest state without subscribing. */
export function useLabStore(): LabStore {
  return useApp().lab;
}
