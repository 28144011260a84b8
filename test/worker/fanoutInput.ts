/** A small fan-out scenario for the study's tests: three backends whose rare slow calls (5% at 10 s) set the tail. */
export const FANOUT_INPUT = {
  duration: 60,
  load: { rate: 50 },
  client: { slo: 0.1 },
  server: { concurrency: null, service: { dist: 'bimodal', mean: 0.001, slowFraction: 0.05, slowMean: 10 } },
  fanout: { n: 3 },
};
