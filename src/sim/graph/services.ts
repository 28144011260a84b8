import type { GraphSpec, ServiceNodeSpec } from '../scenario/types';
import { CallQueue } from '../engine/callQueue';
import { Rng, Stream } from '../engine/rng';
import { ServiceSampler } from '../engine/serviceSampler';
import { S_BUSY_INT, S_QUEUE_INT, S_SERVICE_INT, S_SLOTS_INT, ServiceStats } from './serviceStats';

const ROUND_ROBIN = 0;
const RANDOM = 1;
const LEAST_OUTSTANDING = 2;
const POWER_OF_TWO = 3;
const BALANCER_CODES = { 'round-robin': ROUND_ROBIN, random: RANDOM, 'least-outstanding': LEAST_OUTSTANDING, 'power-of-two': POWER_OF_TWO } as const;

/** A random stream of the graph's own: service `s`'s purpose `k`, apart from every stream of the one-server engine. */
export function graphStream(s: number, k: number): number {
  return 1000 + s * 16 + k;
}

/**
 * The services of a graph and their replicas (a replica is one server: its own queue and slots): the
 * balancer that picks a replica, the queue, the slots and their integrals, service times, errors, and the
 * capacity changes and outages the triggers bring. Replicas are numbered across the graph
 * (`first[s] + r`); the engine moves calls through them.
 */
export class Services {
  readonly n: number;
  readonly first: Int32Array;
  readonly count: Int32Array;
  readonly names: string[];
  // Per replica.
  readonly serviceOf: Int32Array;
  readonly inS: Int32Array;
  readonly queued: Int32Array;
  readonly queues: CallQueue[];
  /** Calls sent to the replica and not answered yet (network included): what the balancers read. */
  readonly outstanding: Int32Array;
  readonly slots: Float64Array;
  readonly lost: Float64Array;
  readonly down: Int32Array;
  readonly speed: Float64Array;
  private readonly errorTriggers: number[][];
  readonly errorP: Float64Array;
  // Per service.
  private readonly concurrency: Float64Array;
  private readonly errorBase: Float64Array;
  readonly queueLimit: Float64Array;
  readonly lifo: Uint8Array;
  private readonly alpha: Float64Array;
  private readonly beta: Float64Array;
  private readonly balancer: Uint8Array;
  private readonly cursor: Int32Array;
  readonly inTotal: Float64Array;
  readonly queueTotal: Float64Array;
  readonly busy: Float64Array;
  /** Slots over the service's replicas (Infinity when unbounded): summed when they change, not at every integration. */
  readonly slotsTotal: Float64Array;
  private readonly lastT: Float64Array;
  private readonly samplers: ServiceSampler[];
  readonly meanS: Float64Array;
  private readonly rngErrors: Rng[];
  private readonly rngBalance: Rng[];

  constructor(
    graph: GraphSpec,
    seed: number,
    readonly stats: ServiceStats,
  ) {
    const specs = graph.services;
    const n = specs.length;
    this.n = n;
    this.names = specs.map((s) => s.name);
    this.first = new Int32Array(n);
    this.count = new Int32Array(n);
    let total = 0;
    specs.forEach((s, i) => {
      this.first[i] = total;
      this.count[i] = s.replicas;
      total += s.replicas;
    });
    this.serviceOf = new Int32Array(total);
    specs.forEach((s, i) => this.serviceOf.fill(i, this.first[i], this.first[i]! + s.replicas));
    this.inS = new Int32Array(total);
    this.queued = new Int32Array(total);
    this.queues = Array.from({ length: total }, () => new CallQueue(16));
    this.outstanding = new Int32Array(total);
    this.slots = new Float64Array(total);
    this.lost = new Float64Array(total);
    this.down = new Int32Array(total);
    this.speed = new Float64Array(total).fill(1);
    this.errorTriggers = Array.from({ length: total }, () => []);
    this.errorP = new Float64Array(total);
    this.concurrency = new Float64Array(n);
    this.errorBase = new Float64Array(n);
    this.queueLimit = new Float64Array(n);
    this.lifo = new Uint8Array(n);
    this.alpha = new Float64Array(n);
    this.beta = new Float64Array(n);
    this.balancer = new Uint8Array(n);
    this.cursor = new Int32Array(n);
    this.inTotal = new Float64Array(n);
    this.queueTotal = new Float64Array(n);
    this.busy = new Float64Array(n);
    this.slotsTotal = new Float64Array(n);
    this.lastT = new Float64Array(n);
    this.meanS = new Float64Array(n);
    this.samplers = specs.map((_, i) => new ServiceSampler(new Rng(seed, graphStream(i, Stream.service))));
    this.rngErrors = specs.map((_, i) => new Rng(seed, graphStream(i, Stream.errors)));
    this.rngBalance = specs.map((_, i) => new Rng(seed, graphStream(i, Stream.failures)));
  }

  /** Put each service's parameters in force at t (replica counts are fixed for the run). */
  configure(graph: GraphSpec, t: number): void {
    graph.services.forEach((spec: ServiceNodeSpec, s) => {
      this.integrate(s, t);
      this.samplers[s]!.configure(spec.service);
      this.meanS[s] = this.samplers[s]!.meanS;
      this.concurrency[s] = spec.concurrency ?? Infinity;
      this.errorBase[s] = spec.errors?.rate ?? 0;
      this.queueLimit[s] = spec.queue.limit ?? Infinity;
      this.lifo[s] = spec.queue.discipline === 'lifo' ? 1 : 0;
      this.alpha[s] = spec.contention?.alpha ?? 0;
      this.beta[s] = spec.contention?.beta ?? 0;
      this.balancer[s] = BALANCER_CODES[spec.balancer];
      for (let g = this.first[s]!; g < this.first[s]! + this.count[s]!; g++) {
        this.updateErrorP(g);
        this.updateSlots(g);
      }
      this.updateBusy(s);
    });
  }

  /** Bring service s's integrals (queue, in service, busy slots, slots) up to t. */
  integrate(s: number, t: number): void {
    const dt = t - this.lastT[s]!;
    if (dt <= 0) return;
    const c = this.stats.c;
    const at = ServiceStats.index(s, 0);
    c[at + S_QUEUE_INT]! += dt * this.queueTotal[s]!;
    c[at + S_SERVICE_INT]! += dt * this.inTotal[s]!;
    c[at + S_BUSY_INT]! += dt * this.busy[s]!;
    const slots = this.slotsTotal[s]!;
    c[at + S_SLOTS_INT]! += slots === Infinity ? 0 : dt * slots;
    this.lastT[s] = t;
  }

  /** The replica of service s a new call goes to, by the service's balancer. */
  pick(s: number): number {
    const first = this.first[s]!;
    const n = this.count[s]!;
    if (n === 1) return first;
    const out = this.outstanding;
    switch (this.balancer[s]) {
      case ROUND_ROBIN: {
        const r = this.cursor[s]!;
        this.cursor[s] = r + 1 === n ? 0 : r + 1;
        return first + r;
      }
      case RANDOM:
        return first + Math.floor(this.rngBalance[s]!.uniform() * n);
      case LEAST_OUTSTANDING: {
        // Ties go to the first replica after a rotating start, so equal replicas share the load.
        const start = this.cursor[s]!;
        this.cursor[s] = start + 1 === n ? 0 : start + 1;
        let best = first + start;
        for (let i = 1; i < n; i++) {
          const g = first + ((start + i) % n);
          if (out[g]! < out[best]!) best = g;
        }
        return best;
      }
      default: {
        // Two distinct replicas at random; the one with fewer calls outstanding (the first on a tie).
        const rng = this.rngBalance[s]!;
        const a = Math.floor(rng.uniform() * n);
        let b = Math.floor(rng.uniform() * (n - 1));
        if (b >= a) b++;
        return out[first + b]! < out[first + a]! ? first + b : first + a;
      }
    }
  }

  /** Whether a call arriving at replica g now is answered with an error at once (fail fast). */
  failsFast(g: number): boolean {
    const p = this.errorP[g]!;
    return p > 0 && this.down[g] === 0 && this.rngErrors[this.serviceOf[g]!]!.uniform() < p;
  }

  /** Whether replica g can start a call now. */
  canStart(g: number): boolean {
    return this.inS[g]! < this.slots[g]! && this.down[g] === 0;
  }

  /** A call takes a slot of replica g at t; returns its local service time. */
  takeSlot(g: number, t: number): number {
    const s = this.serviceOf[g]!;
    this.integrate(s, t);
    const n = ++this.inS[g]!;
    this.inTotal[s]!++;
    if (n <= this.slots[g]!) this.busy[s]!++;
    let time = this.samplers[s]!.sample();
    const alpha = this.alpha[s]!;
    const beta = this.beta[s]!;
    if (alpha !== 0 || beta !== 0) time *= 1 + alpha * (n - 1) + beta * n * (n - 1);
    const speed = this.speed[g]!;
    return speed === 1 ? time : time / speed;
  }

  /** A call leaves its slot of replica g at t. */
  leaveSlot(g: number, t: number): void {
    const s = this.serviceOf[g]!;
    this.integrate(s, t);
    const n = this.inS[g]!--;
    this.inTotal[s]!--;
    if (n <= this.slots[g]!) this.busy[s]!--;
  }

  /** Queue call a (generation gen) at replica g. */
  enqueue(g: number, a: number, gen: number, t: number): void {
    const s = this.serviceOf[g]!;
    this.integrate(s, t);
    this.queues[g]!.pushBack(a, gen);
    this.queued[g]!++;
    this.queueTotal[s]!++;
  }

  /** Take the next live call off replica g's queue by its discipline; −1 when none is left. `live(a, gen)` says whether a queued entry is current. */
  dequeue(g: number, t: number, live: (a: number, gen: number) => boolean): number {
    const q = this.queues[g]!;
    const s = this.serviceOf[g]!;
    while (this.queued[g]! > 0) {
      if (this.lifo[s] === 1) q.popBack();
      else q.popFront();
      if (!live(q.id, q.gen)) continue;
      this.integrate(s, t);
      this.queued[g]!--;
      this.queueTotal[s]!--;
      return q.id;
    }
    if (q.length > 0) q.clear();
    return -1;
  }

  // ---------------------------------------------------------------- triggers

  /** The replicas a trigger hits: one, or every replica of service s. */
  targets(s: number, replica: number | undefined): number[] {
    const first = this.first[s]!;
    if (replica !== undefined) return [first + Math.min(replica, this.count[s]! - 1)];
    return Array.from({ length: this.count[s]! }, (_, r) => first + r);
  }

  /** Replica g goes down (+1) or comes back (−1). */
  setDown(g: number, sign: 1 | -1): void {
    this.down[g]! += sign;
  }

  /** An errors trigger on replica g starts (+1) or ends (−1). */
  errorsTrigger(g: number, rate: number, sign: 1 | -1): void {
    const list = this.errorTriggers[g]!;
    if (sign > 0) list.push(rate);
    else list.splice(list.indexOf(rate), 1);
    this.updateErrorP(g);
  }

  /** A capacity change on replica g starts (+1) or ends (−1): `factor` times the speed, `slots` slots fewer. */
  capacity(g: number, factor: number, slots: number, sign: 1 | -1, t: number): void {
    this.integrate(this.serviceOf[g]!, t);
    this.speed[g] = sign > 0 ? this.speed[g]! * factor : this.speed[g]! / factor;
    this.lost[g]! += sign * slots;
    this.updateSlots(g);
    this.updateBusy(this.serviceOf[g]!);
  }

  private updateErrorP(g: number): void {
    let ok = 1 - this.errorBase[this.serviceOf[g]!]!;
    for (const rate of this.errorTriggers[g]!) ok *= 1 - rate;
    this.errorP[g] = 1 - ok;
  }

  private updateSlots(g: number): void {
    const slots = this.concurrency[this.serviceOf[g]!]! - this.lost[g]!;
    this.slots[g] = slots > 0 ? slots : 0;
  }

  /** After service s's slots changed: its busy slots and its slots in total. */
  private updateBusy(s: number): void {
    let busy = 0;
    let slots = 0;
    for (let g = this.first[s]!; g < this.first[s]! + this.count[s]!; g++) {
      busy += Math.min(this.inS[g]!, this.slots[g]!);
      slots += this.slots[g]!;
    }
    this.busy[s] = busy;
    this.slotsTotal[s] = slots;
  }
}
