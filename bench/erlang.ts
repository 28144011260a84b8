/** Erlang C: probability that an arrival waits in M/M/c with offered load a = λ/μ (< c). */
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

/** Mean sojourn time of M/M/c: W = C/(cμ − λ) + 1/μ. */
export function mmcMeanLatency(c: number, lambda: number, mu: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda) + 1 / mu;
}
