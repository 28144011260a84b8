import * as v from 'valibot';
import {
  DEFAULT_CAPACITY_FACTOR,
  DEFAULT_CAPACITY_SLOTS,
  DEFAULT_ERRORS_RATE,
  DEFAULT_SPIKE_FACTOR,
  defaultAutoscale,
  defaultCache,
  defaultCodel,
  defaultErrors,
  defaultFanout,
  defaultHedge,
  defaultPartitions,
  defaultScenario,
} from './defaults';
import { suggestion } from './didYouMean';
import {
  boolean,
  exactly,
  list,
  nullableNumber,
  nullableSection,
  number,
  numberIn,
  oneOf,
  oneOfIn,
  problem,
  remember,
  section,
  text,
} from './fields';
import { AssertionSyntaxError } from '../assertions/lexer';
import { MAX_CHECK_LENGTH, parseCheck } from '../assertions/parser';
import { MAX_SCOPE_LENGTH, parseScope, SCOPE_FORMS } from '../assertions/scope';
import { limiterSchema } from './limiterSpec';
import { prioritiesSchema } from './prioritySpec';
import { quote } from './render';
import type { Scenario } from './types';
import { clientSchema } from './clientSchema';
import { contentionSchema, serviceTimeSchema } from './serviceSchemas';
import { graphSchema, targetEntries } from './graphSchema';
import { HOUR, MAX_DURATION, PERIOD, RATIO, RATIO_POSITIVE, TIME_AT, TIME_SPAN } from './ranges';

export { BUDGET_KINDS, clientSchema } from './clientSchema';
export { MAX_DURATION, MIN_PERIOD } from './ranges';

// Field types, ranges and defaults of format v1. Unknown keys never reach these schemas:
// read.ts removes them first (reporting or dropping each), so `object` here only has to
// check and fill. Cross-field rules live in crossChecks.ts.

const D = defaultScenario();
const codel = defaultCodel();
const errors = defaultErrors();
const autoscale = defaultAutoscale();
const cache = defaultCache();
const fanout = defaultFanout();
const hedge = defaultHedge();
const partitions = defaultPartitions();

export const MAX_TRIGGERS = 1000;
export const MAX_ACTIONS = 10_000;
/** Most bins a run may have (duration / bin). */
export const MAX_BINS = 200_000;
export const MIN_BIN = 0.001;


export const TRIGGER_KINDS = ['spike', 'outage', 'random-outages', 'capacity', 'cache-flush', 'errors'] as const;
/** Most backends a fan-out may call, and most shards. */
export const MAX_STATIONS = 1000;

/** Most points a load profile may have. */
export const MAX_PROFILE_POINTS = 1000;
const RATE = { min: 0, max: 1e6 };

const profileSchema = v.nullable(
  list(section({ at: numberIn({ min: 0, max: MAX_DURATION }), rate: numberIn(RATE) }), MAX_PROFILE_POINTS),
);

export const loadSchema = section({
  rate: number(RATE, D.load.rate),
  profile: v.optional(profileSchema, D.load.profile),
  clients: nullableNumber({ min: 1, max: 100_000, integer: true }, D.load.clients),
  // Above zero: a closed-loop client refused at once by its own breaker would otherwise loop at one instant.
  thinkTime: number({ min: 0.001, max: HOUR }, D.load.thinkTime),
  keys: number({ min: 1, max: 1e6, integer: true }, D.load.keys),
  zipf: nullableNumber({ min: 0, minExclusive: true, max: 5 }, D.load.zipf),
  priorities: v.optional(prioritiesSchema, D.load.priorities),
});


const serviceSchema = serviceTimeSchema(D.server.service);

const codelSchema = nullableSection({
  target: number({ min: 0, minExclusive: true, max: 60 }, codel.target),
  interval: number({ min: 0, minExclusive: true, max: 60 }, codel.interval),
});

const queueSchema = section({
  limit: nullableNumber({ min: 0, max: 1e7, integer: true }, D.server.queue.limit),
  discipline: oneOf(['fifo', 'lifo', 'adaptive-lifo'], D.server.queue.discipline),
  codel: v.optional(codelSchema, D.server.queue.codel),
  priority: boolean(D.server.queue.priority),
});

const autoscaleSchema = nullableSection({
  threshold: number(RATIO_POSITIVE, autoscale.threshold),
  window: number(PERIOD, autoscale.window),
  delay: number({ min: 0, max: HOUR }, autoscale.delay),
  step: number({ min: 1, max: 10_000, integer: true }, autoscale.step),
  max: number({ min: 1, max: 100_000, integer: true }, autoscale.max),
});

export const serverSchema = section({
  concurrency: nullableNumber({ min: 1, max: 100_000, integer: true }, D.server.concurrency),
  service: v.optional(serviceSchema, () => ({})),
  queue: v.optional(queueSchema, () => ({})),
  dropExpired: boolean(D.server.dropExpired),
  cancelOnTimeout: boolean(D.server.cancelOnTimeout),
  contention: v.optional(contentionSchema, D.server.contention),
  autoscale: v.optional(autoscaleSchema, D.server.autoscale),
  errors: v.optional(nullableSection({ rate: number(RATIO, errors.rate) }), D.server.errors),
  limiter: v.optional(limiterSchema, D.server.limiter),
});

export const cacheSchema = nullableSection({
  hitRate: number({ min: 0, max: 0.999 }, cache.hitRate),
  fill: oneOf(['on-time', 'read-through'], cache.fill),
  hitLatency: number({ min: 0, max: 60 }, cache.hitLatency),
  ttl: nullableNumber({ min: 0, minExclusive: true, max: 1e6 }, cache.ttl),
});

const hedgeSchema = nullableSection({
  percentile: number({ min: 0.5, max: 0.999 }, hedge.percentile),
});

export const fanoutSchema = nullableSection({
  n: number({ min: 1, max: MAX_STATIONS, integer: true }, fanout.n),
  quorum: nullableNumber({ min: 1, max: MAX_STATIONS, integer: true }, fanout.quorum),
  hedge: v.optional(hedgeSchema, fanout.hedge),
});

export const partitionsSchema = nullableSection({
  shards: number({ min: 1, max: MAX_STATIONS, integer: true }, partitions.shards),
});

const at = numberIn(TIME_AT);
const duration = numberIn(TIME_SPAN);

/** The trigger kinds, each with its own fields; `kind` picks one. */
export const triggerSchemas = {
  spike: section({
    kind: oneOfIn(['spike']),
    at,
    duration,
    factor: number({ min: 0, minExclusive: true, max: 100 }, DEFAULT_SPIKE_FACTOR),
  }),
  outage: section({
    kind: oneOfIn(['outage']),
    at,
    duration,
    stations: nullableNumber({ min: 1, max: MAX_STATIONS, integer: true }, null),
    ...targetEntries,
  }),
  'random-outages': section({
    kind: oneOfIn(['random-outages']),
    at,
    duration,
    stations: numberIn({ min: 1, max: MAX_STATIONS, integer: true }),
    window: numberIn(TIME_SPAN),
    ...targetEntries,
  }),
  capacity: section({
    kind: oneOfIn(['capacity']),
    at,
    duration,
    factor: number({ min: 0, minExclusive: true, max: 10 }, DEFAULT_CAPACITY_FACTOR),
    slots: number({ min: 0, max: 100_000, integer: true }, DEFAULT_CAPACITY_SLOTS),
    ...targetEntries,
  }),
  'cache-flush': section({ kind: oneOfIn(['cache-flush']), at }),
  errors: section({
    kind: oneOfIn(['errors']),
    at,
    duration,
    rate: number(RATIO, DEFAULT_ERRORS_RATE),
    ...targetEntries,
  }),
} as const;

const KINDS_EXPECTED = `one of ${TRIGGER_KINDS.map((k) => JSON.stringify(k)).join(', ')}`;

const triggerSchema = v.variant(
  'kind',
  [
    triggerSchemas.spike,
    triggerSchemas.outage,
    triggerSchemas['random-outages'],
    triggerSchemas.capacity,
    triggerSchemas['cache-flush'],
    triggerSchemas.errors,
  ],
  (issue) =>
    issue.path === undefined
      ? problem(issue.input, 'a JSON object with a "kind"')
      : problem(issue.input, KINDS_EXPECTED) +
        (typeof issue.input === 'string' ? suggestion(issue.input, TRIGGER_KINDS) : ''),
);

function isNonEmptyRecord(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  for (const key in x) if (Object.hasOwn(x, key)) return true;
  return false;
}

/** The `set` of an action. Its keys are checked by read.ts, its values by applying it (actions.ts). */
export const setSchema = v.custom<Record<string, unknown>>(isNonEmptyRecord, (issue) =>
  problem(issue.input, 'a JSON object of at least one "path.to.field": value'),
);

const actionSchema = section({ at, set: setSchema });

/** Most assertions a scenario may carry. */
export const MAX_ASSERTIONS = 32;

function syntaxMessage(input: unknown, parse: (text: string) => unknown, maxLength: number, what: string): string {
  if (typeof input !== 'string') return problem(input, `a string: ${what}`);
  if (input.length > maxLength) return `got a string of ${input.length} characters, expected at most ${maxLength}`;
  try {
    parse(input);
  } catch (e) {
    if (e instanceof AssertionSyntaxError) return `${quote(input)}: ${e.message}`;
    throw e;
  }
  return problem(input, what);
}

function syntax(parse: (text: string) => unknown, maxLength: number, what: string) {
  const valid = (x: unknown): boolean => {
    if (typeof x !== 'string' || x.length > maxLength) return false;
    try {
      parse(x);
      return true;
    } catch (e) {
      if (e instanceof AssertionSyntaxError) return false;
      throw e;
    }
  };
  return remember(
    v.custom<string>(valid, (issue) => syntaxMessage(issue.input, parse, maxLength, what)),
    `a string: ${what}`,
  );
}

const assertionSchema = section({
  check: syntax(parseCheck, MAX_CHECK_LENGTH, 'a check such as "amplification <= 1.3"'),
  scope: v.optional(syntax(parseScope, MAX_SCOPE_LENGTH, `one of ${SCOPE_FORMS.map((f) => JSON.stringify(f)).join(', ')}`), 'always'),
});

/** Every field except `triggers`, `actions` and `assertions`: what an operator action may change is in here. */
export const coreEntries = {
  version: exactly(1, 'the only format version'),
  name: text(120, D.name),
  seed: number({ min: 0, max: 4_294_967_295, integer: true }, D.seed),
  model: oneOf(['queue', 'write-conflict'], D.model),
  duration: number(TIME_SPAN, D.duration),
  warmup: number(TIME_AT, D.warmup),
  bin: number({ min: MIN_BIN, max: MAX_DURATION }, D.bin),
  load: v.optional(loadSchema, () => ({})),
  client: v.optional(clientSchema, () => ({})),
  server: v.optional(serverSchema, () => ({})),
  cache: v.optional(cacheSchema, D.cache),
  fanout: v.optional(fanoutSchema, D.fanout),
  partitions: v.optional(partitionsSchema, D.partitions),
  graph: v.optional(graphSchema, D.graph),
  limits: v.optional(section({ maxInFlight: number({ min: 1000, max: 1e7, integer: true }, D.limits.maxInFlight) }), () => ({})),
  writeConflict: v.optional(
    section({
      clients: number({ min: 1, max: 10_000, integer: true }, D.writeConflict.clients),
      delayMean: number({ min: 0, minExclusive: true, max: 10 }, D.writeConflict.delayMean),
      delaySd: number({ min: 0, max: 10 }, D.writeConflict.delaySd),
    }),
    () => ({}),
  ),
};

export const coreSchema = section(coreEntries);

const { limits, writeConflict, ...head } = coreEntries;

/** A scenario file, link or preset, format v1. Fields in the order of the Scenario type. */
export const scenarioSchema = section({
  ...head,
  triggers: v.optional(list(triggerSchema, MAX_TRIGGERS), () => []),
  actions: v.optional(list(actionSchema, MAX_ACTIONS), () => []),
  assertions: v.optional(list(assertionSchema, MAX_ASSERTIONS), () => []),
  limits,
  writeConflict,
});

/** A scenario from its core fields and its timeline, with keys in the canonical order. */
export function assemble(core: Omit<Scenario, Timeline>, timeline: Pick<Scenario, Timeline>): Scenario {
  const { limits: l, writeConflict: w, ...rest } = core;
  const { triggers, actions, assertions } = timeline;
  return { ...rest, triggers, actions, assertions, limits: l, writeConflict: w };
}

/** The fields an operator action cannot change: what happens, what the operator does, what must hold. */
export type Timeline = 'triggers' | 'actions' | 'assertions';

// The schema's output is the normalised scenario: this line fails to compile if they drift apart.
export type SchemaMatchesScenario = v.InferOutput<typeof scenarioSchema> extends Scenario
  ? Scenario extends v.InferOutput<typeof scenarioSchema>
    ? true
    : never
  : never;
const schemaMatchesScenario: SchemaMatchesScenario = true;
void schemaMatchesScenario;
