/**
 * What a preset's story rests on, and the change that breaks each assumption (README, "Assumptions"). A break is an
 * operator action (fields set now) or a trigger started now, so it is recorded in the scenario and a link replays
 * it. `verdicts` is what the preset's text says follows when the break comes at `at` s; the tests hold every
 * assumption to it over several seeds.
 */
import type { Verdict } from '../../engine/result';
import type { Action, Scenario, Trigger } from '../types';
import type { Preset } from './preset';
import { LIMITER_ASSUMPTIONS } from './limiterAssumptions';

export type AssumptionBreak =
  | { kind: 'set'; set: Readonly<Record<string, unknown>> }
  | { kind: 'inject'; trigger: Readonly<{ kind: 'spike' | 'outage' | 'capacity'; duration: number; factor?: number; slots?: number }> }
  | { kind: 'inject'; trigger: Readonly<{ kind: 'cache-flush' }> };

export interface Assumption {
  id: string;
  /** The assumption in words: "clients do not retry". */
  text: string;
  /** What Break it does, in words: "turn one retry on". */
  breaks: string;
  change: AssumptionBreak;
  /** When the tests apply the break (s): a time the preset's story reaches before its trigger ends. */
  at: number;
  /** The verdicts the text says the run reaches once the assumption is broken. */
  verdicts: readonly Verdict[];
  /** What the preset's text says happens, in words. */
  says: string;
}

/** Load above capacity from before any trigger: the system is overloaded without one. */
const loadAboveCapacity = (rate: number, capacity = 300, at = 30): Assumption => ({
  id: 'load-below-capacity',
  text: `the load stays at ${rate} requests per second, below the capacity of ${capacity}`,
  breaks: `raise the load to ${Math.round(capacity * 1.1)}/s, above capacity`,
  change: { kind: 'set', set: { 'load.rate': Math.round(capacity * 1.1) } },
  at,
  verdicts: ['overloaded'],
  says: 'with the load above capacity goodput falls short before any trigger: overloaded',
});

/** A cure switched off before the outage: the retry storm's loop is back. */
const cureStaysOn = (id: string, text: string, breaks: string, set: Record<string, unknown>): Assumption => ({
  id,
  text,
  breaks,
  change: { kind: 'set', set },
  at: 30,
  verdicts: ['metastable', 'overloaded'],
  says: 'without the cure the retry storm’s loop is back and the run does not recover: stuck after the outage (or bad before it, on a seed whose own fluctuation starts the loop)',
});

/** Every preset's assumptions, by preset id; a preset not listed has none yet. */
export const ASSUMPTIONS: Readonly<Record<string, readonly Assumption[]>> = {
  ...LIMITER_ASSUMPTIONS,
  'retry-storm-low-load': [
    loadAboveCapacity(140),
    {
      id: 'one-retry',
      text: 'clients retry once',
      breaks: 'let clients retry up to 3 times',
      change: { kind: 'set', set: { 'client.retry.maxRetries': 3 } },
      at: 30,
      verdicts: ['metastable'],
      says: 'retries multiply the load past capacity, so the backlog no longer drains: stuck',
    },
  ],
  'retry-storm-no-retries': [
    loadAboveCapacity(280),
    {
      id: 'no-retries',
      text: 'clients do not retry',
      breaks: 'turn one immediate retry on',
      change: { kind: 'set', set: { 'client.retry.maxRetries': 1 } },
      at: 30,
      verdicts: ['metastable'],
      says: 'with one retry this is the retry storm: stuck after the outage',
    },
  ],
  'retry-budget': [
    loadAboveCapacity(280),
    cureStaysOn('budget-on', 'the retry budget stays on', 'turn the retry budget off', { 'client.retry.budget': null }),
  ],
  'lifo-queue': [
    loadAboveCapacity(280),
    cureStaysOn('lifo-on', 'the queue serves the newest first (LIFO)', 'switch the queue back to FIFO', { 'server.queue.discipline': 'fifo' }),
  ],
  'bounded-queue': [
    loadAboveCapacity(280),
    cureStaysOn('queue-bounded', 'the queue holds at most 150 calls', 'remove the queue limit', { 'server.queue.limit': null }),
  ],
  'cancel-on-timeout': [
    loadAboveCapacity(280),
    cureStaysOn('cancel-on', 'the server drops work whose client timed out', 'turn cancellation off', { 'server.cancelOnTimeout': false }),
  ],
  'circuit-breaker': [
    loadAboveCapacity(280),
    cureStaysOn('breaker-on', 'the circuit breaker stays on', 'turn the breaker off', { 'client.breaker': null }),
  ],
  mm1: [
    loadAboveCapacity(8, 10),
    {
      id: 'server-up',
      text: 'the server never stops',
      breaks: 'inject a 20-s outage',
      change: { kind: 'inject', trigger: { kind: 'outage', duration: 20 } },
      at: 100,
      verdicts: ['recovered'],
      says: 'the queue the outage leaves drains at the 2/s of spare capacity: bad for a while, then recovered',
    },
  ],
  'queues-defer-pain': [
    loadAboveCapacity(250),
    {
      id: 'clients-wait',
      text: 'clients wait as long as it takes (no timeout, no retries)',
      breaks: 'give clients a 1-s timeout and one immediate retry',
      change: { kind: 'set', set: { 'client.timeout': 1, 'client.retry.maxRetries': 1 } },
      at: 30,
      verdicts: ['metastable'],
      says: 'the spike’s backlog makes requests time out and retry, and the retries keep the queue full: stuck',
    },
  ],
  'independent-failures': [
    loadAboveCapacity(100, 1000),
    {
      id: 'independent',
      text: 'failures are independent: one backend down at a time',
      breaks: 'inject a 30-s outage of every backend at once',
      change: { kind: 'inject', trigger: { kind: 'outage', duration: 30 } },
      at: 100,
      verdicts: ['recovered'],
      says: 'a correlated outage takes the quorum down with it: bad while it lasts, then recovered',
    },
  ],
};

type Recorded = Pick<Scenario, 'name' | 'actions' | 'triggers'>;

/**
 * The preset a run tells the story of: the one it was opened as, else the one whose name it carries (a link to a
 * changed preset opens as a scenario of its own, under the preset's name).
 */
export function storyPreset(presets: readonly Preset[], presetId: string | null, scenario: Pick<Scenario, 'name'> | null): Preset | null {
  if (presetId !== null) return presets.find((p) => p.id === presetId) ?? null;
  if (scenario === null) return null;
  return presets.find((p) => p.scenario['name'] === scenario.name) ?? null;
}

export function assumptionsOf(preset: Preset | null): readonly Assumption[] {
  return preset === null ? [] : (ASSUMPTIONS[preset.id] ?? []);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function actionBreaks(action: Action, change: Extract<AssumptionBreak, { kind: 'set' }>): boolean {
  return Object.entries(change.set).every(([path, value]) => path in action.set && sameValue(action.set[path], value));
}

function triggerBreaks(trigger: Trigger, change: Extract<AssumptionBreak, { kind: 'inject' }>): boolean {
  const t = trigger as unknown as Record<string, unknown>;
  return Object.entries(change.trigger).every(([key, value]) => sameValue(t[key], value));
}

/**
 * The assumptions of the preset that the recorded scenario breaks: a recorded action that sets what the break sets,
 * or a trigger beyond the preset's own like the one it starts. In the order the preset lists them.
 */
export function brokenAssumptions(preset: Preset | null, scenario: Recorded): Assumption[] {
  const own = preset?.scenario['triggers'];
  const ownTriggers = Array.isArray(own) ? own.length : 0;
  return assumptionsOf(preset).filter((a) =>
    a.change.kind === 'set'
      ? scenario.actions.some((action) => actionBreaks(action, a.change as Extract<AssumptionBreak, { kind: 'set' }>))
      : scenario.triggers.slice(ownTriggers).some((tr) => triggerBreaks(tr, a.change as Extract<AssumptionBreak, { kind: 'inject' }>)),
  );
}

/** The preset's scenario with the break applied at `at` s (as an action or a trigger), for checking its verdict. */
export function withBreak(raw: Readonly<Record<string, unknown>>, a: Assumption, at = a.at): Record<string, unknown> {
  if (a.change.kind === 'set') {
    const actions = Array.isArray(raw['actions']) ? (raw['actions'] as unknown[]) : [];
    return { ...raw, actions: [...actions, { at, set: { ...a.change.set } }] };
  }
  const triggers = Array.isArray(raw['triggers']) ? (raw['triggers'] as unknown[]) : [];
  return { ...raw, triggers: [...triggers, { ...a.change.trigger, at }] };
}
