import type { EdgeSpec, GraphSpec, LimiterSpec, RetrySpec, Scenario, ServiceSpec } from '../scenario/types';
import { AdmissionControl, TokenBucket } from '../engine/admission';
import { AdaptiveThrottle, CircuitBreaker, inForce } from '../engine/clientControls';
import { retryBudgetFor, type RetryBudgetControl } from '../engine/retryBudgets';
import { ServerLimiter } from '../engine/limiters/serverLimiter';
import { Rng, Stream, type StreamId } from '../engine/rng';
import { ServiceSampler } from '../engine/serviceSampler';
import { graphStream } from './services';

/** The controls one caller replica keeps for one edge: its budget, breaker, throttle, admission control, rate limit and bulkhead. */
export class EdgeControls {
  budget: RetryBudgetControl | null = null;
  breaker: CircuitBreaker | null = null;
  throttle: AdaptiveThrottle | null = null;
  admission: AdmissionControl | null = null;
  rateLimit: TokenBucket | null = null;
  /** The adaptive concurrency limiter on the tries in flight, one station per caller replica (shared by the edge). */
  limiter: ServerLimiter | null = null;
  /** Tries in flight (for the bulkhead). */
  inFlight = 0;
  /** Exchanges waiting for a bulkhead place, in line: id, generation, id, generation, … */
  readonly waiting: number[] = [];

  configure(p: EdgePolicy, t: number): void {
    this.budget = retryBudgetFor(p.retry.budget, this.budget, t);
    this.breaker = inForce(p.breaker, this.breaker, (s) => new CircuitBreaker(s), t);
    this.throttle = inForce(p.throttle, this.throttle, (s) => new AdaptiveThrottle(s), t);
    this.admission = inForce(p.admission, this.admission, (s) => new AdmissionControl(s), t);
    this.rateLimit = inForce(p.rateLimit, this.rateLimit, (s, at) => new TokenBucket(s, at), t);
  }
}

/** An edge's policy: the client fields, the network delay and deadline propagation. */
type EdgePolicy = Omit<EdgeSpec, 'to' | 'count'>;

/**
 * The edges of a graph. Edge 0 is the users' edge to the entry (the `client` section, `graph.delay`,
 * `graph.deadline`); the others are the services' `calls`, in order. Each caller replica has its own
 * controls on each edge, as each instance of a service keeps its own client library state.
 */
export class Edges {
  readonly n: number;
  /** The callee of edge e, and its caller (−1: the users). */
  readonly to: Int32Array;
  readonly from: Int32Array;
  readonly timeoutS: Float64Array;
  readonly maxRetries: Int32Array;
  readonly propagate: Uint8Array;
  readonly bulkhead: Float64Array;
  readonly bulkheadWait: Float64Array;
  private readonly limiterSpecs: (LimiterSpec | null)[] = [];
  private readonly seed: number;
  readonly retry: RetrySpec[];
  /** Controls of edge e for caller replica r (of the caller service): `controls[e][r]`. */
  readonly controls: EdgeControls[][];
  private readonly delays: (ServiceSampler | null)[];
  private readonly delaySpecs: (ServiceSpec | null)[];
  readonly rngJitter: Rng;
  readonly rngThrottle: Rng;
  readonly rngAdmission: Rng;
  /** The steps of service s: the edge of each dependency call, `count` times per edge, in order. */
  readonly steps: Int32Array[];
  /** Answers a call of service s needs from its steps (all of them in sequence). */
  readonly quorum: Int32Array;
  readonly parallel: Uint8Array;

  constructor(scenario: Scenario, graph: GraphSpec, replicas: Int32Array) {
    const index = new Map(graph.services.map((s, i) => [s.name, i]));
    const from: number[] = [-1];
    const to: number[] = [0];
    graph.services.forEach((s, i) =>
      s.calls.forEach((edge) => {
        from.push(i);
        to.push(index.get(edge.to)!);
      }),
    );
    const n = from.length;
    this.n = n;
    this.from = Int32Array.from(from);
    this.to = Int32Array.from(to);
    this.timeoutS = new Float64Array(n);
    this.maxRetries = new Int32Array(n);
    this.propagate = new Uint8Array(n);
    this.bulkhead = new Float64Array(n);
    this.bulkheadWait = new Float64Array(n);
    this.seed = scenario.seed;
    this.retry = [];
    this.controls = from.map((f) => Array.from({ length: f < 0 ? 1 : replicas[f]! }, () => new EdgeControls()));
    this.delaySpecs = [];
    this.delays = from.map(() => null);
    this.rngJitter = new Rng(scenario.seed, graphStream(graph.services.length, Stream.jitter));
    this.rngThrottle = new Rng(scenario.seed, graphStream(graph.services.length, Stream.throttle));
    this.rngAdmission = new Rng(scenario.seed, graphStream(graph.services.length, Stream.admission));
    let e = 1;
    this.steps = graph.services.map((s) => {
      const steps: number[] = [];
      for (const edge of s.calls) {
        for (let k = 0; k < edge.count; k++) steps.push(e);
        e++;
      }
      return Int32Array.from(steps);
    });
    this.quorum = Int32Array.from(graph.services.map((s, i) => (s.mode === 'parallel' ? Math.min(s.quorum ?? Infinity, this.steps[i]!.length) : this.steps[i]!.length)));
    this.parallel = Uint8Array.from(graph.services.map((s) => (s.mode === 'parallel' ? 1 : 0)));
  }

  /** The policies of every edge, from the scenario in force, at t. */
  configure(scenario: Scenario, graph: GraphSpec, t: number): void {
    const policies: EdgePolicy[] = [
      { ...scenario.client, delay: graph.delay, deadline: graph.deadline },
      ...graph.services.flatMap((s) => s.calls),
    ];
    policies.forEach((p, e) => {
      this.timeoutS[e] = p.timeout ?? Infinity;
      this.maxRetries[e] = p.retry.maxRetries;
      this.retry[e] = p.retry;
      this.propagate[e] = p.deadline ? 1 : 0;
      this.bulkhead[e] = p.bulkhead?.maxConcurrentCalls ?? Infinity;
      this.bulkheadWait[e] = p.bulkhead?.maxWait ?? 0;
      for (const c of this.controls[e]!) c.configure(p, t);
      // A changed limiter starts afresh (tries admitted by the old one end without a sample), one station a caller replica.
      if (JSON.stringify(p.limiter) !== JSON.stringify(this.limiterSpecs[e] ?? null)) {
        this.limiterSpecs[e] = p.limiter;
        const per = this.controls[e]!;
        const limiter = p.limiter === null ? null : new ServerLimiter(p.limiter, per.length, this.seed, graphStream(graph.services.length + 1 + e, Stream.limiter) as StreamId);
        for (const c of per) c.limiter = limiter;
      }
      if (JSON.stringify(p.delay) !== JSON.stringify(this.delaySpecs[e] ?? null)) {
        this.delaySpecs[e] = p.delay;
        if (p.delay === null) this.delays[e] = null;
        else {
          const sampler = new ServiceSampler(new Rng(scenario.seed, graphStream(graph.services.length + 1 + e, Stream.network)));
          sampler.configure(p.delay);
          this.delays[e] = sampler;
        }
      }
    });
  }

  /** A one-way network delay on edge e (0 without one). */
  delay(e: number): number {
    const d = this.delays[e];
    return d === null || d === undefined ? 0 : d.sample();
  }
}
