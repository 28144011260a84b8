import { useStore } from 'zustand';
import type { LessonMode } from '../../state/index';
import { useApp } from '../AppContext';

/** Read one slice of lesson mode; the component re-renders only when that slice changes. */
export function useLesson<T>(selector: (state: LessonMode) => T): T {
  return useStore(useApp().lesson, selector);
}
