import type { Action, CapacityTrigger, ErrorsTrigger, OutageTrigger, RandomOutagesTrigger, Scenario, Trigger } from '../scenario/types';
import { applySet } from '../scenario/index';
import type { Measurement } from './measurement';
import { Rng, Stream } from './rng';
import { ORDER_ACTION, ORDER_TRIGGER_END, ORDER_TRIGGER_START, Timeline } from './timeline';

/** What a trigger's start (+1) and end (−1) do to a model's components. */
export interface TriggerEffects {
  spike(factor: number, sign: 1 | -1, t: number): void;
  outage(tr: OutageTrigger, sign: 1 | -1, t: number): void;
  /** Station (backend, shard or replica) k of a random-outages trigger. */
  stationDown(tr: RandomOutagesTrigger, k: number, sign: 1 | -1, t: number): void;
  capacity(tr: CapacityTrigger, sign: 1 | -1, t: number): void;
  errors(tr: ErrorsTrigger, sign: 1 | -1, t: number): void;
  cacheFlush(): void;
}

/**
 * The controls of a run: the scenario's triggers and actions and the live ones (`set`, `inject`),
 * on one timeline in time order. A trigger's start and end act through the model's effects (load, server or services,
 * cache); an action puts new parameters in force through `reconfigure`.
 */
export class Controls {
  readonly timeline = new Timeline();
  /** Each trigger's [at, end] (for the verdict). */
  readonly triggerSpans: { at: number; end: number }[] = [];
  private readonly liveActions: Action[] = [];
  private readonly liveTriggers: Trigger[] = [];

  constructor(
    private readonly base: Scenario,
    private readonly m: Measurement,
    private readonly effects: TriggerEffects,
    private readonly reconfigure: (set: Action['set'], t: number) => void,
  ) {
    base.triggers.forEach((tr, i) => this.addTrigger(tr, i));
    base.actions.forEach((action, i) => this.insertAction(action, i));
  }

  allActions(): Action[] {
    return [...this.base.actions, ...this.liveActions];
  }

  allTriggers(): Trigger[] {
    return [...this.base.triggers, ...this.liveTriggers];
  }

  /** A live action at `at`, already validated; it runs after every pending control at `at`. */
  addLiveAction(action: Action): void {
    this.liveActions.push(action);
    this.insertAction(action, this.base.actions.length + this.liveActions.length - 1);
  }

  /** A live trigger, already validated. */
  addLiveTrigger(tr: Trigger): void {
    this.liveTriggers.push(tr);
    this.addTrigger(tr, this.base.triggers.length + this.liveTriggers.length - 1);
  }

  /** The parameters that will be in force at `at` once every pending action at or before it has run, from `eff`. */
  effectiveAt(eff: Scenario, at: number): Scenario {
    let probe = eff;
    const actions = this.allActions();
    for (const ctl of this.timeline.pending()) {
      if (ctl.at > at || ctl.order !== ORDER_ACTION) continue;
      probe = applySet(probe, actions[ctl.index]!.set);
    }
    return probe;
  }

  private insertAction(action: Action, index: number): void {
    this.timeline.insert({ at: action.at, order: ORDER_ACTION, index, apply: (t) => this.reconfigure(action.set, t) });
  }

  private addTrigger(tr: Trigger, index: number): void {
    this.m.watchShedsFrom(tr.at);
    if (tr.kind === 'cache-flush') {
      this.triggerSpans.push({ at: tr.at, end: tr.at });
      this.timeline.insert({ at: tr.at, order: ORDER_TRIGGER_START, index, apply: () => this.effects.cacheFlush() });
      return;
    }
    if (tr.kind === 'random-outages') {
      // Each of the first `stations` stations goes down once, at a time drawn from its own
      // trigger's stream (seed, trigger index), so the draws never shift other randomness.
      this.triggerSpans.push({ at: tr.at, end: tr.at + tr.window });
      const rng = new Rng(this.base.seed ^ Math.imul(index + 1, 0x27d4eb2f), Stream.failures);
      for (let k = 0; k < tr.stations; k++) {
        const start = tr.at + rng.uniform() * (tr.window - tr.duration);
        this.timeline.insert({ at: start, order: ORDER_TRIGGER_START, index, apply: (t) => this.effects.stationDown(tr, k, +1, t) });
        this.timeline.insert({ at: start + tr.duration, order: ORDER_TRIGGER_END, index, apply: (t) => this.effects.stationDown(tr, k, -1, t) });
      }
      return;
    }
    const end = tr.at + tr.duration;
    this.triggerSpans.push({ at: tr.at, end });
    this.timeline.insert({ at: tr.at, order: ORDER_TRIGGER_START, index, apply: (t) => this.applyTrigger(tr, +1, t) });
    this.timeline.insert({ at: end, order: ORDER_TRIGGER_END, index, apply: (t) => this.applyTrigger(tr, -1, t) });
  }

  private applyTrigger(tr: Exclude<Trigger, { kind: 'cache-flush' | 'random-outages' }>, sign: 1 | -1, t: number): void {
    const fx = this.effects;
    switch (tr.kind) {
      case 'spike':
        fx.spike(tr.factor, sign, t);
        break;
      case 'outage':
        fx.outage(tr, sign, t);
        break;
      case 'capacity':
        fx.capacity(tr, sign, t);
        break;
      case 'errors':
        fx.errors(tr, sign, t);
        break;
    }
  }
}
