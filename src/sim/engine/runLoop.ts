import type { Action, Scenario, Trigger } from '../scenario/types';
import { applySet, parseScenario } from '../scenario/index';
import type { Controls } from './controls';
import type { Kernel } from './kernel';
import type { Measurement } from './measurement';
import type { RunSeries, SeriesArrays, Summary } from './result';

/**
 * A guard against a model that loops without simulated time advancing (at one instant, or by a
 * vanishing step each event): more than MAX_EVENTS_IN_SPAN events within SPAN_S of simulated time
 * stop the run instead of hanging it.
 */
export const MAX_EVENTS_IN_SPAN = 10_000_000;
export const SPAN_S = 1e-6;

/** A trigger without its start time: what "inject now" takes. */
export type TriggerNow = Trigger extends infer T ? (T extends Trigger ? Omit<T, 'at'> : never) : never;

/**
 * What every model's run shares: the clock and the slices (`advance`, with its event budget), the
 * controls' timeline (triggers and actions, live ones recorded), the measurement's series and summary.
 * A model (the one server, a graph of services) builds its components, puts parameters in force
 * (`configure`) and runs its events (`runEvents`), dispatching each to the component that owns it.
 */
export abstract class RunLoop {
  protected readonly base: Scenario;
  /** The parameters in force now (scenario with the actions applied so far). */
  protected eff: Scenario;
  protected readonly durationS: number;
  protected spanStartS = 0;
  protected eventsInSpan = 0;
  /** Events `advance` may still run before it returns early; Infinity without a budget. */
  protected eventBudget = Infinity;
  /** Where the budget stopped the last runEvents: the next event's time. */
  protected cutS: number | null = null;
  protected abstract readonly k: Kernel;
  protected abstract readonly m: Measurement;
  protected abstract readonly controls: Controls;

  constructor(scenario: Scenario) {
    this.base = scenario;
    this.eff = scenario;
    this.durationS = scenario.duration;
  }

  /** Put a scenario's parameters in force at time t (`prev` = those in force before, or null at start). */
  protected abstract configure(s: Scenario, t: number, prev: Scenario | null): void;
  /** Process every event with time < limit, each by the component that owns its kind. */
  protected abstract runEvents(limit: number): void;
  /** Requests whose client is still waiting. */
  abstract countInFlight(): number;
  /** Whether the run has a cache (for the summary's hit rate). */
  protected abstract hasCache(): boolean;

  /** Start the controls' timeline: call once the components exist. */
  protected reconfigureBy(): (set: Action['set'], t: number) => void {
    return (set, t) => this.configure(applySet(this.eff, set), t, this.eff);
  }

  // ---------------------------------------------------------------- public API

  get now(): number {
    return this.k.now;
  }

  get done(): boolean {
    return this.k.stopped !== null || this.k.now >= this.durationS;
  }

  /** Bins closed so far: series values exist for bins [0, binsClosed). */
  get binsClosed(): number {
    return this.m.binIndex;
  }

  get stopped(): string | null {
    return this.k.stopped;
  }

  /** Run every event before `toS` (clamped to the duration), then close the bins that ended. */
  advance(toS: number): void {
    const T = Math.min(toS, this.durationS);
    const k = this.k;
    const m = this.m;
    if (k.stopped !== null || T <= k.now) return;
    const timeline = this.controls.timeline;
    for (;;) {
      const ctl = timeline.peek();
      if (ctl !== undefined && ctl.at < T) {
        this.runEvents(ctl.at);
        if (k.stopped !== null || this.cutAt()) return;
        m.closeUpTo(ctl.at);
        m.integrate(ctl.at);
        m.integrateSteady(ctl.at);
        k.now = Math.max(k.now, ctl.at);
        timeline.shift();
        ctl.apply(ctl.at);
        continue;
      }
      this.runEvents(T);
      if (k.stopped !== null || this.cutAt()) return;
      // No integration to T here: splitting an interval at a slice end would change the
      // floating-point sums, and output must not depend on slicing.
      m.closeUpTo(T);
      k.now = T;
      return;
    }
  }

  /**
   * `advance(toS)` in pieces of about `maxEvents` events: returns whether it reached `toS` (or the run
   * ended). A piece ends between two instants, where `advance` to the next event's time would have
   * stopped too, so the output does not depend on the budget, and changes made between pieces take
   * effect at `now` as they would after any `advance`.
   */
  advanceWithin(toS: number, maxEvents: number): boolean {
    this.eventBudget = Math.max(1, maxEvents);
    try {
      this.advance(toS);
    } finally {
      this.eventBudget = Infinity;
    }
    return this.done || this.k.now >= Math.min(toS, this.durationS);
  }

  /** After runEvents: when the event budget ended it before its limit, stop at the next event's time, as advance(thatTime) would. */
  private cutAt(): boolean {
    const t = this.cutS;
    if (t === null) return false;
    this.cutS = null;
    this.m.closeUpTo(t);
    this.k.now = t;
    return true;
  }

  /** Run to the end of the scenario. */
  runToEnd(): void {
    this.advance(this.durationS);
  }

  /**
   * Change parameters now: `{ "load.rate": 300 }`. Validated like a scenario (throws
   * ScenarioError naming the field and its range); recorded as an
   * action at the current time so the run replays exactly. Takes effect before any event at
   * or after now.
   */
  set(set: Record<string, unknown>): void {
    this.assertLive();
    const at = this.k.now;
    // Validate against the parameters in force once every pending control at `now` has run.
    applySet(this.controls.effectiveAt(this.eff, at), set);
    this.controls.addLiveAction({ at, set: { ...set } });
  }

  /**
   * Start a trigger now ("inject now"); validated like a scenario's triggers (throws
   * ScenarioError naming the field and its range) and recorded in the scenario's triggers.
   */
  inject(trigger: TriggerNow): void {
    this.assertLive();
    const current = this.scenario();
    const { scenario } = parseScenario({ ...current, triggers: [...current.triggers, { ...trigger, at: this.k.now }] });
    this.controls.addLiveTrigger(scenario.triggers[scenario.triggers.length - 1]!);
  }

  /** The replayable scenario: the original plus every live action and trigger, in order. */
  scenario(): Scenario {
    return { ...this.base, triggers: this.controls.allTriggers(), actions: this.controls.allActions() };
  }

  /** Typed-array copies of the series for bins [from, binsClosed); NaN where a bin has no sample. */
  seriesArrays(from = 0): SeriesArrays {
    return this.m.bins.arrays(from, this.m.binIndex);
  }

  /** The series of the closed bins as JSON arrays (`null` for NaN). */
  series(): RunSeries {
    return this.m.seriesJson();
  }

  /** The summary over [warmup, now], with the verdict judged on the bins closed so far. */
  summary(): Summary {
    const endS = this.k.now;
    const spans = this.controls.triggerSpans.filter((s) => s.at < endS);
    return this.m.summary({
      endS,
      spans,
      inFlight: this.countInFlight(),
      findRescue: (lastBadEndS) => this.findRescue(spans, lastBadEndS),
      hasCache: this.hasCache(),
      slo: this.eff.client.slo,
      stopped: this.k.stopped,
    });
  }

  protected assertLive(): void {
    if (this.k.stopped !== null) throw new Error(`the run has stopped: ${this.k.stopped}`);
  }

  private findRescue(spans: readonly { at: number }[], lastBadEndS: number | null): Summary['rescue'] {
    if (lastBadEndS === null || spans.length === 0) return null;
    const firstAt = Math.min(...spans.map((s) => s.at));
    let best: Action | null = null;
    for (const action of this.controls.allActions()) {
      if (action.at >= firstAt && action.at <= lastBadEndS && (best === null || action.at >= best.at)) best = action;
    }
    return best === null ? null : { at: best.at, set: best.set };
  }
}
