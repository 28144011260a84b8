import * as v from 'valibot';
import { clientEntries } from './clientSchema';
import { defaultDelay, defaultScenario } from './defaults';
import { boolean, list, nullableNumber, nullableSection, number, numberIn, oneOf, problem, remember, section } from './fields';
import { BALANCERS } from './graphTypes';
import { RATIO } from './ranges';
import { contentionSchema, serviceTimeSchema } from './serviceSchemas';

// The `graph` section of the format (docs/scenario.md, "Graphs of services"): services with replicas
// behind a balancer, and the calls each makes to its dependencies with the caller's policy per edge.

const D = defaultScenario();

/** Most services a graph may have, and most dependency edges a service may have. */
export const MAX_SERVICES = 32;
export const MAX_EDGES = 16;
/** Most replicas a service may have. */
export const MAX_REPLICAS = 1000;

const NAME = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;
const NAME_EXPECTED = 'a name of 1 to 32 letters, digits and dashes, starting with a letter';

export const serviceName = remember(
  v.custom<string>((x) => typeof x === 'string' && NAME.test(x), (issue) => problem(issue.input, NAME_EXPECTED)),
  NAME_EXPECTED,
);

const delaySchema = v.optional(nullableSection(serviceTimeSchema(defaultDelay()).entries), null);

const { slo: _slo, ...policyEntries } = clientEntries;
void _slo;

const edgeSchema = section({
  to: serviceName,
  count: number({ min: 1, max: 100, integer: true }, 1),
  ...policyEntries,
  delay: delaySchema,
  deadline: boolean(false),
});

const serviceQueueSchema = section({
  limit: nullableNumber({ min: 0, max: 1e7, integer: true }, D.server.queue.limit),
  discipline: oneOf(['fifo', 'lifo'], 'fifo'),
});

const serviceNodeSchema = section({
  name: serviceName,
  replicas: number({ min: 1, max: MAX_REPLICAS, integer: true }, 1),
  balancer: oneOf(BALANCERS, 'round-robin'),
  concurrency: nullableNumber({ min: 1, max: 100_000, integer: true }, D.server.concurrency),
  service: v.optional(serviceTimeSchema(D.server.service), () => ({})),
  queue: v.optional(serviceQueueSchema, () => ({})),
  contention: v.optional(contentionSchema, null),
  errors: v.optional(nullableSection({ rate: number(RATIO, 0.1) }), null),
  mode: oneOf(['sequence', 'parallel'], 'sequence'),
  quorum: nullableNumber({ min: 1, max: MAX_EDGES * 100, integer: true }, null),
  calls: v.optional(list(edgeSchema, MAX_EDGES), () => []),
});

export const graphSchema = nullableSection({
  services: remember(
    v.pipe(
      list(serviceNodeSchema, MAX_SERVICES),
      v.minLength(1, () => 'got an empty array, expected at least one service (the first is the entry)'),
    ),
    `an array of 1 to ${MAX_SERVICES} services (the first is the entry)`,
  ),
  delay: delaySchema,
  deadline: boolean(false),
});

/** A trigger's target in a graph: `service` (the entry when omitted) and `replica` (every replica when omitted). */
export const targetEntries = {
  service: v.optional(serviceName),
  replica: v.optional(numberIn({ min: 0, max: MAX_REPLICAS - 1, integer: true })),
};
