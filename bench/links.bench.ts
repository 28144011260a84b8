/**
 * `npm run bench:links`: decodeLink over the hostile-link corpus of the property test (same
 * generator, same seed), timed one by one on this machine: the count, median, 99th percentile and
 * slowest decode (re-timed, to tell a GC pause from a slow link), the links that ask the most of
 * the scenario parser, and the length of each preset link and of typical full links. LINK_RUNS sets the count (default 10 000), LINK_SEED the seed.
 */
import fc from 'fast-check';
import LZString from 'lz-string';
import { decodeLink, encodeLink, linkLength } from '../src/links/index';
import { PRESETS, parseScenario } from '../src/sim/index';
import { hostileLink, RICH, worstCaseLinks } from '../test/links/hostileLinks';
import { percentile } from '../test/links/stats';

const RUNS = Number(process.env.LINK_RUNS ?? 10_000);
const SEED = Number(process.env.LINK_SEED ?? 20261127);
const ORIGIN = 'https://example.github.io/metastability-lab/';

const links = fc.sample(hostileLink, { numRuns: RUNS, seed: SEED });
// Warm up the parser and the JIT on a slice, as a page would have by the time a link is opened.
for (const link of links.slice(0, 200)) decodeLink(link);

const timed = links.map((link) => {
  const start = performance.now();
  const result = decodeLink(link);
  return { ms: performance.now() - start, link, outcome: result.ok ? 'opened' : result.reason };
});
const sorted = timed.map((t) => t.ms).sort((a, b) => a - b);
const outcomes = new Map<string, number>();
for (const t of timed) outcomes.set(t.outcome, (outcomes.get(t.outcome) ?? 0) + 1);
const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

console.log(`decodeLink over ${timed.length} hostile links (seed ${SEED}, Node ${process.version})`);
console.log(`outcomes: ${[...outcomes].map(([k, n]) => `${k} ${n}`).join(', ')}`);
console.log(
  `decode time: median ${percentile(sorted, 0.5).toFixed(3)} ms, p99 ${percentile(sorted, 0.99).toFixed(2)} ms, slowest ${sorted.at(-1)?.toFixed(2)} ms; ` +
    `total ${sorted.reduce((a, b) => a + b, 0).toFixed(0)} ms`,
);
/** Median of five more decodes: a single slow decode may be a GC pause or another process, not the link. */
function retimed(link: string): number {
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    decodeLink(link);
    ms.push(performance.now() - start);
  }
  return percentile(ms.sort((a, b) => a - b), 0.5);
}
console.log('slowest five (and the median of five more decodes of each):');
for (const t of [...timed].sort((a, b) => b.ms - a.ms).slice(0, 5)) {
  console.log(`  ${t.ms.toFixed(2)} ms (${retimed(t.link).toFixed(2)})  ${t.outcome.padEnd(16)} ${kib(t.link.length).padStart(9)}  ${JSON.stringify(t.link.slice(0, 40))}…`);
}
const perKib = timed.filter((t) => t.link.length >= 1024).map((t) => ({ t, perKib: t.ms / (t.link.length / 1024) }));
const worstPerKib = perKib.sort((a, b) => b.perKib - a.perKib)[0];
if (worstPerKib !== undefined) {
  const again = retimed(worstPerKib.t.link) / (worstPerKib.t.link.length / 1024);
  console.log(`links of 1 KiB or more: ${perKib.length}, worst ${worstPerKib.perKib.toFixed(3)} ms per KiB of hash (${again.toFixed(3)} re-timed)`);
}
console.log('the most parser work a link may ask for (1000 actions replacing sections, 1000 triggers):');
for (const link of worstCaseLinks()) {
  const ms = retimed(link);
  console.log(`  ${ms.toFixed(1)} ms for ${kib(link.length)}: ${(ms / (link.length / 1024)).toFixed(2)} ms per KiB, ${decodeLink(link).ok ? 'opens' : 'refused'}`);
}

console.log('\nlink lengths (full URL at ' + ORIGIN + '):');
for (const p of PRESETS) {
  const hash = encodeLink({ scenario: parseScenario(p.scenario).scenario });
  console.log(`  ${String(linkLength(ORIGIN + hash).length).padStart(5)}  ${hash}`);
}
const typical = parseScenario(PRESETS[0]?.scenario).scenario;
typical.name = 'Retry storm, live session';
typical.triggers.push({ kind: 'spike', at: 95, duration: 10, factor: 1.5 });
typical.actions = [
  { at: 120, set: { 'client.retry.maxRetries': 0 } },
  { at: 150, set: { 'server.queue': { discipline: 'lifo' } } },
];
const full = [
  ['retry storm, live session (1 injected spike, 2 operator changes)', parseScenario(typical).scenario],
  ['rich scenario (every section on, 4 triggers, 2 actions)', parseScenario(RICH).scenario],
] as const;
for (const [what, scenario] of full) {
  const hash = encodeLink({ scenario, view: { tab: 'lab', speed: 10, t: 100 } });
  const info = linkLength(ORIGIN + hash);
  console.log(`  ${String(info.length).padStart(5)}  ${what}: ${info.status}`);
}
console.log('links whose payload is within the size cap but not a scenario (refused before parsing):');
const nestedLink = `#v1=${LZString.compressToEncodedURIComponent(`{"version":1,"load":{"rate":${'['.repeat(500_000)}${']'.repeat(500_000)}}}`)}`;
const keysLink = `#v1=${LZString.compressToEncodedURIComponent(`{"version":1,${Array.from({ length: 5000 }, (_, i) => `"k${i}":1`).join(',')}}`)}`;
for (const [name, link] of [
  ['arrays nested 500,000 deep', nestedLink],
  ['5,000 unknown keys', keysLink],
] as const) {
  const result = decodeLink(link);
  console.log(`  ${retimed(link).toFixed(1)} ms for ${kib(link.length)} (${name}): ${result.ok ? 'opens' : result.error.split('\n')[0]}`);
}
