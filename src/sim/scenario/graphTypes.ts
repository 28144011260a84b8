import type { ClientSpec, ContentionSpec, ErrorsSpec, ServiceSpec } from './types';

/**
 * A graph of services (docs/scenario.md, "Graphs of services"): the user's requests reach the first
 * service (the entry) over the `client` edge; each service serves a call with its local work, then makes
 * its calls to its dependencies, holding its slot while it waits on them.
 */

/** How a service picks the replica for a call: in turn, at random, the one with fewest calls outstanding, or the better of two at random. */
export type Balancer = 'round-robin' | 'random' | 'least-outstanding' | 'power-of-two';
export const BALANCERS = ['round-robin', 'random', 'least-outstanding', 'power-of-two'] as const;

/** Whether a service makes its dependency calls one after another or all at once. */
export type CallMode = 'sequence' | 'parallel';

/**
 * One edge: the caller makes `count` calls to service `to` for each call it serves, each with the caller's
 * policy (the client fields: timeout, retries, backoff, budget, breaker, throttle, admission, rate limit),
 * over a network `delay` each way, optionally carrying its deadline.
 */
export interface EdgeSpec extends Omit<ClientSpec, 'slo'> {
  to: string;
  count: number;
  /** One-way network delay (each way); `null` = none. */
  delay: ServiceSpec | null;
  /** Propagate the deadline: the call carries the time the caller has left, and the callee drops work past it. */
  deadline: boolean;
}

export interface ServiceQueueSpec {
  /** Waiting places per replica; `null` = unbounded. */
  limit: number | null;
  discipline: 'fifo' | 'lifo';
}

export interface ServiceNodeSpec {
  /** A short name: letters, digits and dashes. */
  name: string;
  replicas: number;
  balancer: Balancer;
  /** Slots per replica; `null` = unbounded. */
  concurrency: number | null;
  /** The local work of a call (before its dependency calls). */
  service: ServiceSpec;
  queue: ServiceQueueSpec;
  contention: ContentionSpec | null;
  /** Calls answered with an error at arrival (fail fast); `null` = none. */
  errors: ErrorsSpec | null;
  /** `sequence`: one dependency call after another, stopping at the first failure; `parallel`: all at once. */
  mode: CallMode;
  /** `parallel`: answers needed; `null` = all. */
  quorum: number | null;
  calls: EdgeSpec[];
}

export interface GraphSpec {
  /** The services; the first is the entry that the users' requests reach. */
  services: ServiceNodeSpec[];
  /** One-way network delay between the users and the entry (each way); `null` = none. */
  delay: ServiceSpec | null;
  /** The users' requests carry their deadline (the client's timeout) to the entry. */
  deadline: boolean;
}
