import { actionOrder, applyCheckedSet } from './actions';
import type { Found } from './found';
import { graphCallsPerAttempt } from './graphChecks';
import { MIN_BIN } from './schema';
import { checkMemory } from './memoryGuard';
import type { Scenario, Trigger } from './types';

/** Most attempts a scenario may need: beyond this a run takes minutes and gigabytes, in a browser tab. */
export const MAX_ATTEMPTS = 2e8;
const MIN_CYCLE = 1e-3;
/**
 * Most attempts one bin may need. The page and the CLI report progress a bin at a time and the
 * page's watchdog expects an answer within seconds: a bin over this would be many seconds of work
 * shown as one step, so `bin` must be small enough for the load.
 */
export const MAX_ATTEMPTS_PER_BIN = 1e6;

/** An upper bound on the attempts a run makes, and the product of fields that gives it. */
export interface WorkEstimate {
  attempts: number;
  /** `load.rate 1000 × spike factor 3 × duration 400 × (1 + client.retry.maxRetries 2)` */
  formula: string;
  /** The field that sets the load: `load.rate` (open loop) or `load.clients` (closed loop). */
  field: 'load.rate' | 'load.profile' | 'load.clients';
  /** Whether retries multiply the estimate. */
  retries: boolean;
}

/** The largest load multiplier in effect at any instant: the product of the spikes active together. */
export function peakSpikeFactor(triggers: readonly Trigger[]): number {
  const spikes = triggers.filter((t) => t.kind === 'spike');
  let peak = 1;
  for (const s of spikes) {
    let product = 1;
    for (const other of spikes) if (other.at <= s.at && s.at < other.at + other.duration) product *= other.factor;
    peak = Math.max(peak, product);
  }
  return peak;
}

/** The scenario as the actions up to one of them leave it. */
export interface EffectiveState {
  scenario: Scenario;
  /** Index of the action that produced it; null for the scenario as written. */
  action: number | null;
}
type State = EffectiveState;

function statesOf(scenario: Scenario): State[] {
  const states: State[] = [{ scenario, action: null }];
  let current = scenario;
  for (const i of actionOrder(scenario.actions)) {
    const action = scenario.actions[i];
    if (action === undefined) continue;
    const applied = applyCheckedSet(current, action.set);
    if (applied.scenario === null) continue;
    current = applied.scenario;
    states.push({ scenario: current, action: i });
  }
  return states;
}

function firstAttemptRate(s: Scenario, spike: number): number {
  if (s.load.clients !== null) return s.load.clients / Math.max(s.load.thinkTime + s.server.service.mean, MIN_CYCLE);
  return baseRate(s) * spike;
}

/** The open-loop rate before spikes: `load.rate`, or the highest point of `load.profile`. */
function baseRate(s: Scenario): number {
  return s.load.profile === null ? s.load.rate : Math.max(...s.load.profile.map((p) => p.rate));
}

function source(state: State): string {
  return state.action === null ? '' : ` (set by actions[${state.action}])`;
}

/**
 * Attempts ≈ peak first-attempt rate × duration × (1 + maxRetries), the peak taken over the
 * scenario as written and as each operator action leaves it, with overlapping spikes multiplied.
 * Open loop: rate × spikes; closed loop: clients / (think time + mean service time).
 * `known`: the states the actions leave, when the caller has them already.
 */
export function estimateAttempts(scenario: Scenario, known?: readonly EffectiveState[]): WorkEstimate {
  const spike = peakSpikeFactor(scenario.triggers);
  const states = known ?? statesOf(scenario);
  let peak = states[0] ?? { scenario, action: null };
  let retries = peak;
  for (const state of states) {
    if (firstAttemptRate(state.scenario, spike) > firstAttemptRate(peak.scenario, spike)) peak = state;
    if (state.scenario.client.retry.maxRetries > retries.scenario.client.retry.maxRetries) retries = state;
  }
  const s = peak.scenario;
  const maxRetries = retries.scenario.client.retry.maxRetries;
  // With a fan-out every attempt is n calls (twice that at most with hedging).
  // In a graph, every call it may cause at each layer, retries included (graphChecks.ts).
  const graphCalls = scenario.graph === null ? 1 : graphCallsPerAttempt(scenario.graph);
  const calls = scenario.fanout === null ? graphCalls : scenario.fanout.n * (scenario.fanout.hedge === null ? 1 : 2);
  const attempts = firstAttemptRate(s, spike) * scenario.duration * (1 + maxRetries) * calls;
  const fanoutText =
    calls === 1
      ? ''
      : scenario.graph !== null
        ? ` × up to ${calls} calls an attempt through graph.services`
        : ` × ${calls} calls an attempt (fanout.n ${scenario.fanout?.n ?? 1}${scenario.fanout?.hedge ? ', hedged' : ''})`;
  const tail = ` × duration ${scenario.duration} × (1 + client.retry.maxRetries ${maxRetries}${source(retries)})${fanoutText}`;
  if (s.load.clients !== null) {
    return {
      attempts,
      formula:
        `load.clients ${s.load.clients}${source(peak)} / (load.thinkTime ${s.load.thinkTime}` +
        ` + server.service.mean ${s.server.service.mean})${tail}`,
      field: 'load.clients',
      retries: maxRetries > 0,
    };
  }
  const spikeText = spike === 1 ? '' : ` × spike factor ${spike}`;
  return {
    attempts,
    formula:
      s.load.profile === null
        ? `load.rate ${s.load.rate}${source(peak)}${spikeText}${tail}`
        : `highest load.profile rate ${baseRate(s)}${source(peak)}${spikeText}${tail}`,
    field: s.load.profile === null ? 'load.rate' : 'load.profile',
    retries: maxRetries > 0,
  };
}

function scientific(x: number): string {
  return x.toExponential(1).replace('e+', 'e');
}

/**
 * The work guard: a problem if the queue model would need more than MAX_ATTEMPTS attempts, or
 * any run more than MEMORY_BUDGET bytes of memory (memoryGuard.ts).
 */
export function checkWork(scenario: Scenario, states?: readonly EffectiveState[]): Found | null {
  const known = states ?? statesOf(scenario);
  // The write-conflict model runs its own fixed population of clients, not this load: each of its
  // commits fails at most one attempt of every other client, so it makes at most clients² attempts
  // (1e8 at the most clients the format allows), inside MAX_ATTEMPTS.
  if (scenario.model !== 'queue') return checkMemory(scenario, known, 0);
  const estimate = estimateAttempts(scenario, known);
  if (estimate.attempts > MAX_ATTEMPTS) {
    const about = Number.isFinite(estimate.attempts) ? `about ${scientific(estimate.attempts)}` : 'more than 1e308';
    const lower = estimate.retries
      ? `${estimate.field}, duration or client.retry.maxRetries`
      : `${estimate.field} or duration`;
    return {
      segments: estimate.field.split('.'),
      message:
        `scenario needs ${about} attempts (${estimate.formula}); ` +
        `the limit is ${scientific(MAX_ATTEMPTS).replace('.0', '')}: lower ${lower}`,
    };
  }
  const perBin = (estimate.attempts / scenario.duration) * scenario.bin;
  if (perBin > MAX_ATTEMPTS_PER_BIN) {
    const maxBin = (MAX_ATTEMPTS_PER_BIN / estimate.attempts) * scenario.duration;
    const range = maxBin >= MIN_BIN ? `expected a number from ${MIN_BIN} to ${roundDown(maxBin)} at this load` : `and no bin is small enough for this load`;
    return {
      segments: ['bin'],
      message:
        `got ${scenario.bin}, ${range}: a bin may hold at most ${scientific(MAX_ATTEMPTS_PER_BIN).replace('.0', '')} attempts, ` +
        `and this one needs about ${scientific(perBin)} (${estimate.formula.replace(` × duration ${scenario.duration}`, ` × bin ${scenario.bin}`)}); ` +
        `lower bin or ${estimate.field}`,
    };
  }
  return checkMemory(scenario, known, estimate.attempts);
}

/**
 * x rounded down to 3 significant digits: a bound that is itself allowed. Done on the decimal text (exact in every
 * engine), not with logarithms.
 */
function roundDown(x: number): number {
  const [mantissa = '0', exp = '0'] = x.toExponential(2).split('e');
  let digits = Number(mantissa.replace('.', ''));
  let e = Number(exp);
  if (Number(`${digits}e${e - 2}`) > x) {
    digits -= 1;
    if (digits < 100) {
      digits = 999;
      e -= 1;
    }
  }
  return Number(`${digits}e${e - 2}`);
}
