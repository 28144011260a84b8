import { defaultContention } from './defaults';
import { nullableSection, number, oneOf, section } from './fields';
import { RATIO, SECONDS } from './ranges';
import type { ServiceSpec } from './types';

// Sections the server and the services of a graph share (schema.ts, graphSchema.ts).

const contention = defaultContention();

/** A distribution of times (service times, network delays) with these defaults. */
export function serviceTimeSchema(d: ServiceSpec) {
  return section({
    dist: oneOf(['exponential', 'deterministic', 'lognormal', 'bimodal'], d.dist),
    mean: number(SECONDS, d.mean),
    cv: number({ min: 0, minExclusive: true, max: 100 }, d.cv),
    slowFraction: number(RATIO, d.slowFraction),
    slowMean: number(SECONDS, d.slowMean),
  });
}

export const contentionSchema = nullableSection({
  alpha: number(RATIO, contention.alpha),
  beta: number(RATIO, contention.beta),
});
