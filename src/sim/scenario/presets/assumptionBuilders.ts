/**
 * The shape of an assumption and the general ways to break one (README, "Assumptions"). A break is an operator
 * action (fields set now) or a trigger started now, so it is recorded in the scenario and a link replays it.
 * `verdicts` is what the preset's text says follows when the break comes at `at` s; the tests hold every assumption
 * to it over several seeds, and each builder's words were written from what the engine does, measured.
 */
import type { Verdict } from '../../engine/result';

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
  /** When the tests apply the break (s): a time the preset's story reaches before its trigger (or its first bad bin). */
  at: number;
  /** The verdicts the text says the run reaches once the assumption is broken. */
  verdicts: readonly Verdict[];
  /** What the preset's text says happens, in words. */
  says: string;
  /** When `says` gives a recovery time: the range (s) the recovered runs' recovery times must lie in. */
  recovery?: readonly [number, number];
}

/** The assumption, with the recovery time its words give ("about 2 min") as the range the tests hold it to. */
export function recovering(a: Assumption, min: number, max: number): Assumption {
  return { ...a, recovery: [min, max] };
}

/** An assumption broken by setting fields (dotted paths, as an action's `set`). */
export function setBreak(
  id: string,
  text: string,
  breaks: string,
  set: Readonly<Record<string, unknown>>,
  verdicts: readonly Verdict[],
  says: string,
  at = 30,
): Assumption {
  return { id, text, breaks, change: { kind: 'set', set }, at, verdicts, says };
}

/**
 * Load above capacity from before any trigger: the system is overloaded without one. 10% above (the default) is enough
 * where timeouts turn the excess into a collapse; a system that sheds the excess cleanly needs more, as the verdict
 * calls a bin bad only when goodput falls more than 10% short.
 */
export function loadAboveCapacity(rate: number, capacity = 300, at = 30, text?: string, to = Math.round(capacity * 1.1)): Assumption {
  return setBreak(
    'load-below-capacity',
    text ?? `the load stays at ${rate} requests per second, below the capacity of ${capacity}`,
    `raise the load to ${to}/s, above capacity`,
    { 'load.rate': to },
    ['overloaded'],
    'with the load above capacity goodput falls short before any trigger: overloaded',
    at,
  );
}

/** A load near capacity is what the story needs: lowered, the same trigger does less (or no) lasting harm. */
export function loadNearCapacity(text: string, to: number, verdicts: readonly Verdict[], says: string, at = 30): Assumption {
  return setBreak('load-near-capacity', text, `lower the load to ${to}/s`, { 'load.rate': to }, verdicts, says, at);
}

/** A cure switched off before the outage: the retry storm's loop is back. */
export function cureStaysOn(id: string, text: string, breaks: string, set: Record<string, unknown>): Assumption {
  return setBreak(
    id,
    text,
    breaks,
    set,
    ['metastable', 'overloaded'],
    'without the cure the retry storm’s loop is back and the run does not recover: stuck after the outage (or bad before it, on a seed whose own fluctuation starts the loop)',
  );
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

/** Retries are what sustain the bad state: with them off, the backlog drains at the spare capacity. */
export function retriesOff(n: number, verdicts: readonly Verdict[], says: string, at = 30): Assumption {
  return setBreak('clients-retry', `clients retry ${times(n)} after a timeout`, 'turn retries off', { 'client.retry.maxRetries': 0 }, verdicts, says, at);
}

/** Clients that do not retry are what let the run recover: with retries the loop forms. */
export function retriesOn(n: number, verdicts: readonly Verdict[], says: string, at = 30, breaks?: string): Assumption {
  return setBreak(
    'no-retries',
    'clients do not retry',
    breaks ?? (n === 1 ? 'turn one immediate retry on' : `let clients retry up to ${n} times, without backoff`),
    { 'client.retry.maxRetries': n },
    verdicts,
    says,
    at,
  );
}

/**
 * Open-loop load: new requests keep arriving whatever happened to the earlier ones. Broken, the load comes from a
 * fixed set of clients, each waiting for its request (and its retries) to end and a think time (1 s) before the next.
 */
export function openLoop(clients: number, verdicts: readonly Verdict[], says: string, at = 30): Assumption {
  return setBreak(
    'open-loop',
    'clients are open loop: new requests keep arriving whatever happened to the earlier ones',
    `make the load closed loop: ${clients} clients, each waiting for its answer, then 1 s, before its next request`,
    { 'load.clients': clients },
    verdicts,
    says,
    at,
  );
}

/** The server (every backend) stays up: broken by an outage injected now. */
export function serverStaysUp(duration: number, at: number, says: string, text = 'the server never stops', verdicts: readonly Verdict[] = ['recovered']): Assumption {
  return { id: 'server-up', text, breaks: `inject a ${duration}-s outage`, change: { kind: 'inject', trigger: { kind: 'outage', duration } }, at, verdicts, says };
}
