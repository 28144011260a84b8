import type { ServiceSpec } from '../scenario/types';
import type { Rng } from './rng';
import { exp, log } from './portableMath';

const EXPONENTIAL = 0;
const DETERMINISTIC = 1;
const LOGNORMAL = 2;
const BIMODAL = 3;

/** Draws service times (seconds) from the configured distribution on the service stream. */
export class ServiceSampler {
  private kind = EXPONENTIAL;
  private mean = 1;
  private mu = 0;
  private sigma = 0;
  private slowFraction = 0;
  private slowMean = 1;
  /** The distribution's mean, seconds. */
  meanS = 1;

  constructor(private readonly rng: Rng) {}

  configure(spec: ServiceSpec): void {
    this.mean = spec.mean;
    this.slowFraction = spec.slowFraction;
    this.slowMean = spec.slowMean;
    this.meanS = spec.mean;
    switch (spec.dist) {
      case 'exponential':
        this.kind = EXPONENTIAL;
        break;
      case 'deterministic':
        this.kind = DETERMINISTIC;
        break;
      case 'lognormal': {
        this.kind = LOGNORMAL;
        // Mean m and coefficient of variation cv: σ² = ln(1 + cv²), μ = ln m − σ²/2.
        const s2 = log(1 + spec.cv * spec.cv);
        this.sigma = Math.sqrt(s2);
        this.mu = log(spec.mean) - s2 / 2;
        break;
      }
      case 'bimodal':
        this.kind = BIMODAL;
        this.meanS = (1 - spec.slowFraction) * spec.mean + spec.slowFraction * spec.slowMean;
        break;
    }
  }

  sample(): number {
    switch (this.kind) {
      case EXPONENTIAL:
        return this.mean * this.rng.exp1();
      case DETERMINISTIC:
        return this.mean;
      case LOGNORMAL:
        return exp(this.mu + this.sigma * this.rng.normal());
      default:
        return this.rng.uniform() < this.slowFraction ? this.slowMean * this.rng.exp1() : this.mean * this.rng.exp1();
    }
  }
}
