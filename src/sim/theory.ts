import { pow } from './engine/portableMath';

/** Closed forms from queueing theory and the tail-at-scale arithmetic, to check and annotate runs against. */

/** Erlang C: probability an arrival waits in M/M/c with offered load a = λ/μ < c. */
export function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) * (c / (c - a));
  return top / (sum + top);
}

/** M/M/c mean wait in queue Wq = C / (cμ − λ). */
export function mmcWait(c: number, lambda: number, mu: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/** M/M/c mean sojourn W = Wq + 1/μ. */
export function mmcMeanLatency(c: number, lambda: number, mu: number): number {
  return mmcWait(c, lambda, mu) + 1 / mu;
}

/** M/M/c/K state probabilities p_0..p_K (K = c + waiting places). */
export function mmckProbabilities(c: number, K: number, lambda: number, mu: number): number[] {
  const a = lambda / mu;
  const w: number[] = [];
  let term = 1;
  for (let n = 0; n <= K; n++) {
    if (n > 0) term *= n <= c ? a / n : a / c;
    w.push(term);
  }
  const total = w.reduce((x, y) => x + y, 0);
  return w.map((x) => x / total);
}

/** M/M/c/K: blocking probability, throughput and mean sojourn of accepted requests (Little). */
export function mmck(c: number, K: number, lambda: number, mu: number): { blocking: number; throughput: number; meanLatency: number } {
  const p = mmckProbabilities(c, K, lambda, mu);
  const blocking = p[K] ?? 0;
  const L = p.reduce((acc, pn, n) => acc + n * pn, 0);
  const throughput = lambda * (1 - blocking);
  return { blocking, throughput, meanLatency: L / throughput };
}

/** Fan-out to n backends each slow with probability p: the chance a request waits for a slow one, 1 − (1 − p)^n. */
export function fanoutSlowFraction(n: number, p: number): number {
  return 1 - pow(1 - p, n);
}

/**
 * Fan-out to n backends that completes when `quorum` have answered, each backend slow with
 * probability p, independently: the request is slow when more than n − quorum of its calls are,
 * P(Binomial(n, p) > n − quorum). With quorum = n this is 1 − (1 − p)^n.
 */
export function quorumSlowFraction(n: number, quorum: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const tolerated = n - quorum;
  // P(at most `tolerated` slow), summed from the binomial's terms, each from the one before.
  let term = pow(1 - p, n);
  let atMost = term;
  for (let j = 0; j < tolerated; j++) {
    term *= ((n - j) / (j + 1)) * (p / (1 - p));
    atMost += term;
  }
  return Math.min(1, Math.max(0, 1 - atMost));
}
