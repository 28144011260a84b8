/**
 * `npm run bench:assertions`: what checking assertions costs. The monitor over the most bins a run may have
 * (200,000) with the most assertions a scenario may carry (32, windows included), in one pass and in the page's
 * way (a frame of 10 bins at a time); and the parse of a check of the longest length. Median CPU time of 5 after a warm-up.
 */
import { AssertionMonitor, arraysSource, parseCheck, parseScenario } from '../src/sim/index';

const BINS = 200_000;
const REPEATS = 5;
const CHECKS = [
  'amplification <= 1.3',
  'mean(goodput, 10s) >= 95% * mean(offered, 10s)',
  'clientP99 <= 800ms or queue < 10',
  'max(queue, 60s) < 1000 and not utilisation > 99%',
];
const scopes = ['always', 'outside triggers', 'from 30s after triggers', 'within 60s after triggers'];
const assertions = Array.from({ length: 32 }, (_, i) => ({ check: CHECKS[i % CHECKS.length]!, scope: scopes[(i >> 2) % scopes.length]! }));
const triggers = Array.from({ length: 100 }, (_, i) => ({ kind: 'outage', at: 100 + i * 1900, duration: 10 }));
const scenario = parseScenario({ duration: BINS * 0.01, bin: 0.01, triggers, assertions }).scenario;

let state = 1;
const noise = (): number => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
const series = {
  // Mostly within the bounds, as a healthy run is; a few bins break them.
  amplification: Float64Array.from({ length: BINS }, () => 1 + 0.31 * noise()),
  goodput: Float64Array.from({ length: BINS }, () => 95 + 10 * noise()),
  offered: Float64Array.from({ length: BINS }, () => 100),
  clientP99: Float64Array.from({ length: BINS }, () => 0.81 * noise()),
  queue: Float64Array.from({ length: BINS }, () => 20 * noise()),
  utilisation: Float64Array.from({ length: BINS }, () => noise()),
};
const source = arraysSource(series);

/** Median CPU time of this process (user + system), not wall time: the machine may be busy with other work. */
function medianMs(f: () => number): { ms: number; out: number } {
  let out = f();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = process.cpuUsage();
    out = f();
    const d = process.cpuUsage(t0);
    times.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return { ms: times[REPEATS >> 1]!, out };
}

const whole = medianMs(() => new AssertionMonitor(scenario).advance(source, BINS).length);
const frames = medianMs(() => {
  const m = new AssertionMonitor(scenario);
  let n = 0;
  for (let upTo = 10; upTo <= BINS; upTo += 10) n += m.advance(source, upTo).length;
  return n;
});
const longest = `${Array(37).fill('queue').join(' + ')} < 1`.slice(0, 300);
const parse = medianMs(() => {
  for (let i = 0; i < 1000; i++) parseCheck(longest);
  return 0;
});
console.log(`Assertions: ${assertions.length} checks over ${BINS} bins, median of ${REPEATS} (Node ${process.version})`);
console.log(`one pass          ${whole.ms.toFixed(0)} ms  ${((whole.ms * 1e6) / (BINS * assertions.length)).toFixed(0)} ns per check and bin  (${whole.out} violations)`);
console.log(`10 bins a frame   ${frames.ms.toFixed(0)} ms  (${frames.out} violations)`);
console.log(`parse a ${longest.length}-character check  ${((parse.ms * 1000) / 1000).toFixed(1)} µs`);
if (whole.out !== frames.out) {
  console.error('one pass and frames found different violations');
  process.exitCode = 1;
}
