import { EventQueue } from './eventQueue';
import { Calls, Requests } from './records';

// Event kinds (4 bits). Each belongs to one component, which handles it.
/** Load: the next open-loop arrival. */
export const EV_ARRIVAL = 0;
/** Server: a call's service ends (id = call). */
export const EV_COMPLETE = 1;
/** Client: an attempt's timeout (id = request, gen = attempt). */
export const EV_TIMEOUT = 2;
/** Client: a backoff ends, the next attempt leaves (id = request). */
export const EV_RETRY = 3;
/** Client: a cache hit's answer arrives (id = request). */
export const EV_HIT = 4;
/** Autoscaler: the utilisation check at the end of a window. */
export const EV_SCALE_CHECK = 5;
/** Autoscaler: new slots come up. */
export const EV_SCALE_ADD = 6;
/** Load: a closed-loop client ends its think time (id = client). */
export const EV_THINK = 7;
/** Client: a call still unanswered after the hedge delay (id = call). */
export const EV_HEDGE = 8;
/** Client: an attempt's longest wait for a bulkhead place ends (id = request, gen = its wait). */
export const EV_GATE = 9;

/**
 * What every component shares: the event queue, the clock, the record tables of requests and
 * calls, and the run's stop. The components (load, client, server, autoscaler, cache,
 * measurement) own their state and handle their events; `Simulation` runs the loop.
 */
export class Kernel {
  readonly events = new EventQueue();
  readonly requests = new Requests();
  readonly calls = new Calls();
  /** Simulated time: the end of the last slice run, or where the run stopped. */
  now = 0;
  /** Why the run stopped early, or null. */
  stopped: string | null = null;

  constructor(readonly maxInFlight: number) {}

  /** Stop the run at t (the model broke a limit); `stopped` says why. */
  stop(t: number, msg: string): void {
    this.stopped = msg;
    this.now = t;
  }
}
