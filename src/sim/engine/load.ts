import type { LoadSpec, Scenario } from '../scenario/types';
import type { Client } from './client';
import type { EventQueue } from './eventQueue';
import { EV_ARRIVAL, EV_THINK, type Kernel } from './kernel';
import { KeySampler } from './keySampler';
import { RateProfile } from './rateProfile';
import { Rng, Stream } from './rng';
import { growI32 } from './typedArrays';

/**
 * The load: open-loop Poisson arrivals (a constant rate or a profile, times the spikes in force)
 * or a closed loop of clients that each think, send a request and wait for its end; and the key
 * each request asks for.
 */
export class Load {
  private spec!: LoadSpec;
  /** Bumped to cancel the pending arrival. */
  arrivalGen = 0;
  private arrivalNext = Infinity;
  /** The constant open-loop rate (spikes included) the pending arrival was timed with. */
  private arrivalRate = 0;
  /** The profile and spike factor the pending arrival was timed with, when a profile is in force. */
  private arrivalProfile: RateProfile | null = null;
  private arrivalSpike = 1;
  /** Unit work left before the next arrival, while none is scheduled (rate 0). */
  private arrivalWork = 0;
  /** Closed loop: clients [0, clientsActive) are active; a client's generation changes when it leaves. */
  clientsActive = 0;
  clientGen = new Int32Array(0);
  private spikeFactor = 1;
  /** The key space, when a cache or partitions need keys. */
  keys: KeySampler | null = null;
  private readonly rngArrivals: Rng;
  private readonly rngKeys: Rng;
  private readonly events: EventQueue;
  // Set once by `connect`; declared, not initialised, so the first value fixes the fields' types.
  private declare client: Pick<Client, 'newRequest'>;

  constructor(
    k: Kernel,
    seed: number,
  ) {
    this.events = k.events;
    this.rngArrivals = new Rng(seed, Stream.arrivals);
    this.rngKeys = new Rng(seed, Stream.keys);
  }

  connect(client: Pick<Client, 'newRequest'>): void {
    this.client = client;
  }

  /** Put the load of s in force at t (`prev` = the scenario before, or null at the start); returns whether the key space changed. */
  configure(s: Scenario, prev: Scenario | null, t: number): boolean {
    const ld = s.load;
    this.spec = ld;
    const keysChanged = prev === null || prev.load.keys !== ld.keys || prev.load.zipf !== ld.zipf;
    if (keysChanged) this.keys = s.cache !== null || s.partitions !== null ? new KeySampler(ld.keys, ld.zipf) : null;
    if (ld.clients === null) {
      if (prev === null || prev.load.clients !== null) {
        this.setClients(0, t);
        this.arrivalNext = Infinity;
        this.arrivalWork = this.rngArrivals.exp1();
        this.retimeArrivals(t);
      } else if (prev.load.rate !== ld.rate || JSON.stringify(prev.load.profile) !== JSON.stringify(ld.profile)) {
        this.retimeArrivals(t);
      }
    } else {
      if (prev !== null && prev.load.clients === null) {
        // Leaving open loop: cancel the pending arrival.
        this.arrivalGen++;
        this.arrivalNext = Infinity;
      }
      this.setClients(ld.clients, t);
    }
    return keysChanged;
  }

  /** A spike starts (+1) or ends (−1): the load is multiplied (divided) by `factor`. */
  spike(factor: number, sign: 1 | -1, t: number): void {
    this.spikeFactor = sign > 0 ? this.spikeFactor * factor : this.spikeFactor / factor;
    this.retimeArrivals(t);
  }

  /** The key of a new request (0 without a key space). */
  drawKey(): number {
    return this.keys !== null ? this.keys.draw(this.rngKeys) : 0;
  }

  /** EV_ARRIVAL: an open-loop request arrives; the next one is timed. */
  onArrival(t: number): void {
    if (this.arrivalProfile === null) {
      this.arrivalNext = t + this.rngArrivals.exp1() / this.arrivalRate;
      this.events.push(this.arrivalNext, EV_ARRIVAL, 0, this.arrivalGen);
    } else {
      this.scheduleArrival(t, this.rngArrivals.exp1());
    }
    this.client.newRequest(t, -1);
  }

  /** EV_THINK: closed-loop client `id` sends its next request. */
  onThink(id: number, gen: number, t: number): void {
    if (gen === this.clientGen[id] && id < this.clientsActive) this.client.newRequest(t, id);
  }

  /** A request of closed-loop client `client` (generation `gen`; −1: open loop) ended: the client thinks again. */
  requestEnded(client: number, gen: number, t: number): void {
    if (client >= 0 && client < this.clientsActive && gen === this.clientGen[client]) this.scheduleThink(client, t);
  }

  /**
   * Open loop: re-time the pending arrival for the load now in force. Time rescaling: the unit
   * work left before the next arrival (under the rate it was timed with) is spent at the new
   * rate, so each arrival still costs exactly one random draw.
   */
  private retimeArrivals(t: number): void {
    if (this.spec.clients !== null) return;
    let work = this.arrivalWork;
    if (this.arrivalNext !== Infinity) {
      work =
        this.arrivalProfile !== null
          ? this.arrivalSpike * this.arrivalProfile.integral(t, this.arrivalNext)
          : (this.arrivalNext - t) * this.arrivalRate;
    }
    const profile = this.spec.profile;
    this.arrivalProfile = profile === null ? null : new RateProfile(profile);
    this.arrivalSpike = this.spikeFactor;
    this.arrivalRate = this.spec.rate * this.spikeFactor;
    this.arrivalGen++;
    this.scheduleArrival(t, work);
  }

  /** Schedule the next open-loop arrival after `work` units of integrated rate from t. */
  private scheduleArrival(t: number, work: number): void {
    let next: number;
    if (this.arrivalProfile !== null) next = this.arrivalSpike > 0 ? this.arrivalProfile.advance(t, work / this.arrivalSpike) : Infinity;
    else next = this.arrivalRate > 0 ? t + work / this.arrivalRate : Infinity;
    this.arrivalNext = next;
    if (next === Infinity) this.arrivalWork = work;
    else this.events.push(next, EV_ARRIVAL, 0, this.arrivalGen);
  }

  /** Closed loop: make n clients active; new ones start thinking at t. */
  private setClients(n: number, t: number): void {
    if (n > this.clientGen.length) this.clientGen = growI32(this.clientGen, Math.max(n, this.clientGen.length * 2));
    for (let i = this.clientsActive; i < n; i++) {
      this.clientGen[i]!++;
      this.scheduleThink(i, t);
    }
    for (let i = n; i < this.clientsActive; i++) this.clientGen[i]!++;
    this.clientsActive = n;
  }

  private scheduleThink(client: number, t: number): void {
    const think = (this.spec.thinkTime * this.rngArrivals.exp1()) / this.spikeFactor;
    this.events.push(t + think, EV_THINK, client, this.clientGen[client]!);
  }
}
