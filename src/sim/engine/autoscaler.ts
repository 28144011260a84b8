import type { AutoscaleSpec } from '../scenario/types';
import { C as COUNTERS } from './counters';
import { EV_SCALE_ADD, EV_SCALE_CHECK, type Kernel } from './kernel';
import type { Measurement } from './measurement';
import type { Server } from './server';

const C = COUNTERS;

/**
 * Autoscaling: every `window` seconds, if the utilisation over the window was above `threshold`,
 * `step` slots come up `delay` seconds later (one step pending at a time), up to `max`.
 */
export class Autoscaler {
  private spec: AutoscaleSpec | null = null;
  /** Bumped when autoscaling is switched off or on, so the old checks are ignored. */
  gen = 0;
  private pending = false;
  private busyMark = 0;
  private slotsMark = 0;

  constructor(
    private readonly k: Kernel,
    private readonly m: Measurement,
    private readonly server: Server,
  ) {}

  /** Put `spec` in force at t (`prev`: the spec before; undefined at the start). */
  configure(spec: AutoscaleSpec | null, prev: AutoscaleSpec | null | undefined, t: number): void {
    this.spec = spec;
    if (spec === null) {
      this.gen++;
      this.pending = false;
    } else if (prev === undefined || prev === null) {
      this.gen++;
      this.busyMark = this.m.c[C.busyInt]!;
      this.slotsMark = this.m.c[C.slotsInt]!;
      this.k.events.push(t + spec.window, EV_SCALE_CHECK, 0, this.gen);
    }
  }

  /** EV_SCALE_CHECK: the window ended; scale up if it was busy. */
  onCheck(t: number): void {
    const spec = this.spec;
    if (spec === null) return;
    const c = this.m.c;
    const server = this.server;
    this.m.integrateSteady(t);
    const busy = c[C.busyInt]! - this.busyMark;
    const slots = c[C.slotsInt]! - this.slotsMark;
    this.busyMark = c[C.busyInt]!;
    this.slotsMark = c[C.slotsInt]!;
    if (!this.pending && slots > 0 && busy / slots > spec.threshold && server.concurrency + server.scaledSlots < spec.max) {
      this.pending = true;
      this.k.events.push(t + spec.delay, EV_SCALE_ADD, 0, this.gen);
    }
    this.k.events.push(t + spec.window, EV_SCALE_CHECK, 0, this.gen);
  }

  /** EV_SCALE_ADD: the new slots are up. */
  onAdd(t: number): void {
    const spec = this.spec;
    this.pending = false;
    if (spec === null) return;
    const server = this.server;
    const room = spec.max - (server.concurrency + server.scaledSlots);
    if (room > 0) {
      server.scaledSlots += Math.min(spec.step, room);
      server.updateSlots(t);
    }
  }
}
