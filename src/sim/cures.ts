/** The one-change variants the compare and tradeoffs views offer: the cures of lesson 2 and their foils. */
import type { Scenario } from './scenario/types';

export type CureId =
  | 'none'
  | 'retry-budget'
  | 'circuit-breaker'
  | 'backoff-jitter'
  | 'lifo'
  | 'bounded-queue'
  | 'drop-expired'
  | 'cancel-on-timeout'
  | 'codel'
  | 'throttle'
  | 'no-retries';

export interface Cure {
  id: CureId;
  label: string;
  /** The fields it sets (dotted paths, as operator actions and `--set` write them), given the scenario it changes. */
  patch(s: Scenario): Record<string, unknown>;
}

export const CURES: readonly Cure[] = [
  { id: 'none', label: 'no change', patch: () => ({}) },
  { id: 'retry-budget', label: 'retry budget (10 tokens, ratio 0.1)', patch: () => ({ 'client.retry.budget': { tokens: 10, ratio: 0.1 } }) },
  { id: 'circuit-breaker', label: 'circuit breaker', patch: () => ({ 'client.breaker': {} }) },
  {
    id: 'backoff-jitter',
    label: 'exponential backoff + full jitter (1 s to 30 s)',
    patch: () => ({ 'client.retry.backoff': 'exponential', 'client.retry.jitter': 'full', 'client.retry.base': 1, 'client.retry.cap': 30 }),
  },
  { id: 'lifo', label: 'LIFO queue', patch: () => ({ 'server.queue.discipline': 'lifo' }) },
  {
    id: 'bounded-queue',
    label: 'bounded queue (half a timeout of work)',
    patch: (s) => {
      // Half a timeout's worth of work at full concurrency: short enough that what is queued can still finish in time.
      const slots = s.server.concurrency ?? 30;
      const timeout = s.client.timeout ?? 1;
      return { 'server.queue.limit': Math.max(1, Math.round((0.5 * timeout * slots) / s.server.service.mean)) };
    },
  },
  { id: 'drop-expired', label: 'drop expired requests', patch: () => ({ 'server.dropExpired': true }) },
  { id: 'cancel-on-timeout', label: 'cancel on timeout', patch: () => ({ 'server.cancelOnTimeout': true }) },
  { id: 'codel', label: 'CoDel', patch: () => ({ 'server.queue.codel': {} }) },
  { id: 'throttle', label: 'adaptive throttling', patch: () => ({ 'client.throttle': {} }) },
  { id: 'no-retries', label: 'no retries', patch: () => ({ 'client.retry.maxRetries': 0 }) },
];

export function findCure(id: CureId): Cure {
  return CURES.find((c) => c.id === id) ?? CURES[0]!;
}
