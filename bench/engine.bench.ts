/**
 * `npm run bench`: the engine on M/M/8 at ρ = 0.9 for 5 million arrivals, beside a bare
 * typed-array loop of the same model, in the same process. Events = arrivals + completions +
 * timeouts fired. Prints the best and median of several runs of each.
 */
import { defaultScenario } from '../src/sim/scenario/defaults';
import { Simulation } from '../src/sim/engine/Simulation';
import { bareMmc } from './bareLoop';
import { findPreset, GraphSimulation, mmcMeanLatency, parseScenario, runScenario } from '../src/sim/index';

const ARRIVALS = Number(process.env.BENCH_ARRIVALS ?? 5_000_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const C_SLOTS = 8;
const MU = 1;
const LAMBDA = 0.9 * C_SLOTS * MU;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function engineRun(seed: number): { eventsPerS: number; meanLatency: number; events: number; ms: number } {
  const s = defaultScenario();
  s.name = 'bench M/M/8';
  s.seed = seed;
  s.load.rate = LAMBDA;
  s.server.concurrency = C_SLOTS;
  s.server.service.mean = 1 / MU;
  s.client.timeout = null;
  // Long enough for ARRIVALS first attempts on average; coarse bins keep the series small.
  s.duration = ARRIVALS / LAMBDA;
  s.bin = 100;
  const t0 = performance.now();
  const sim = new Simulation(s);
  sim.runToEnd();
  const summary = sim.summary();
  const ms = performance.now() - t0;
  return { eventsPerS: (summary.events / ms) * 1000, meanLatency: summary.meanLatency ?? NaN, events: summary.events, ms };
}

function bareRun(seed: number): { eventsPerS: number; meanLatency: number; events: number; ms: number } {
  const t0 = performance.now();
  const r = bareMmc(LAMBDA, MU, C_SLOTS, ARRIVALS, seed);
  const ms = performance.now() - t0;
  return { eventsPerS: (r.events / ms) * 1000, meanLatency: r.meanLatency, events: r.events, ms };
}

const fmt = (x: number): string => `${(x / 1e6).toFixed(2)} M events/s`;
const engine: ReturnType<typeof engineRun>[] = [];
const bare: ReturnType<typeof bareRun>[] = [];
for (let i = 0; i < REPEATS; i++) {
  bare.push(bareRun(i + 1));
  engine.push(engineRun(i + 1));
}
const erlang = mmcMeanLatency(C_SLOTS, LAMBDA, MU);
const eBest = Math.max(...engine.map((r) => r.eventsPerS));
const bBest = Math.max(...bare.map((r) => r.eventsPerS));
console.log(`M/M/${C_SLOTS} at rho = 0.9, ${ARRIVALS.toLocaleString('en')} arrivals, ${REPEATS} runs each (Node ${process.version})`);
console.log(`engine    best ${fmt(eBest)}, median ${fmt(median(engine.map((r) => r.eventsPerS)))}  (${engine[0]!.events.toLocaleString('en')} events in ${engine[0]!.ms.toFixed(0)} ms on the first run)`);
console.log(`bare loop best ${fmt(bBest)}, median ${fmt(median(bare.map((r) => r.eventsPerS)))}`);
console.log(`engine / bare loop: ${((100 * eBest) / bBest).toFixed(0)}% (best vs best)`);
console.log(`mean latency: engine ${engine.map((r) => r.meanLatency.toFixed(4)).join(', ')} s; bare ${bare.map((r) => r.meanLatency.toFixed(4)).join(', ')} s; Erlang C ${erlang.toFixed(4)} s`);

// The headless time of docs/validation.md, M1 (the retry-storm preset: 400 s at 280/s), median of 5.
const m1 = parseScenario(findPreset('retry-storm')?.scenario).scenario;
const m1Times: number[] = [];
let m1Events = 0;
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const r = runScenario({ ...m1, seed: i + 1 });
  m1Times.push(performance.now() - t0);
  m1Events = r.summary.events;
}
console.log(`M1 retry storm (400 s at 280/s, ${m1Events.toLocaleString('en')} events): median ${median(m1Times).toFixed(0)} ms, best ${Math.min(...m1Times).toFixed(0)} ms over 5 seeds`);

// Graphs of services: the same M/M/8 as a one-service graph (the graph engine's own loop), and the three-layer
// preset "graph-retry-layers" (retries at every layer, stuck after its outage), events per second over 3 seeds.
function graphRun(raw: Record<string, unknown>, seed: number): { eventsPerS: number; events: number; ms: number; meanLatency: number } {
  const scenario = parseScenario({ ...raw, seed }).scenario;
  const t0 = performance.now();
  const sim = new GraphSimulation(scenario);
  sim.runToEnd();
  const ms = performance.now() - t0;
  return { eventsPerS: (sim.eventsRun / ms) * 1000, events: sim.eventsRun, ms, meanLatency: sim.summary().meanLatency ?? NaN };
}
const graphArrivals = Math.min(ARRIVALS, 2_000_000);
const mm8Graph = {
  duration: graphArrivals / LAMBDA,
  bin: 100,
  load: { rate: LAMBDA },
  client: { timeout: null },
  graph: { services: [{ name: 'mm8', concurrency: C_SLOTS, service: { mean: 1 / MU } }] },
};
const g1 = [1, 2, 3].map((seed) => graphRun(mm8Graph, seed));
console.log(
  `graph engine, M/M/${C_SLOTS} as one service (${graphArrivals.toLocaleString('en')} arrivals): best ${fmt(Math.max(...g1.map((r) => r.eventsPerS)))}, ` +
    `median ${fmt(median(g1.map((r) => r.eventsPerS)))}; mean latency ${g1.map((r) => r.meanLatency.toFixed(4)).join(', ')} s (Erlang C ${erlang.toFixed(4)} s)`,
);
const layers = findPreset('graph-retry-layers')!.scenario;
const g3 = [1, 2, 3].map((seed) => graphRun(layers as Record<string, unknown>, seed));
console.log(
  `graph engine, three-layer preset graph-retry-layers (${g3[0]!.events.toLocaleString('en')} events): best ${fmt(Math.max(...g3.map((r) => r.eventsPerS)))}, ` +
    `median ${fmt(median(g3.map((r) => r.eventsPerS)))}, median ${median(g3.map((r) => r.ms)).toFixed(0)} ms a run`,
);
