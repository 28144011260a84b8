/** How the lesson panel draws each control a lesson can unlock (a test checks every lesson's controls are here). */
export type LessonControlSpec =
  | { kind: 'number'; label: string; min: number; max: number; step: number; unit: string; off?: { label: string; on: number } }
  | { kind: 'toggle'; label: string }
  | { kind: 'choice'; label: string; options: readonly string[] };

export const LESSON_CONTROLS: Readonly<Record<string, LessonControlSpec>> = {
  'load.rate': { kind: 'number', label: 'Offered load', min: 10, max: 600, step: 10, unit: 'per second' },
  'server.queue.limit': { kind: 'number', label: 'Queue limit', min: 0, max: 1000, step: 10, unit: 'waiting', off: { label: 'Bounded queue', on: 300 } },
  'server.autoscale.max': { kind: 'number', label: 'Autoscaling limit', min: 30, max: 200, step: 5, unit: 'slots' },
  'server.cancelOnTimeout': { kind: 'toggle', label: 'Cancel on timeout' },
  'server.dropExpired': { kind: 'toggle', label: 'Drop expired requests' },
  'cache.fill': { kind: 'choice', label: 'Cache fill', options: ['on-time', 'read-through'] },
};
