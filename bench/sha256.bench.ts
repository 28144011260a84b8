/**
 * `npm run bench:sha256`: the project's own SHA-256 (src/links/sha256.ts) on a 5-MB text made of
 * a real run's series JSON (the retry-storm preset's, repeated), the size a long run's fingerprint
 * hashes in the worker; beside node:crypto on the same text. Median of 7 after a warm-up.
 */
import { createHash } from 'node:crypto';
import { sha256Hex } from '../src/links/index';
import { findPreset, parseScenario, runScenario } from '../src/sim/index';

const SIZE = 5_000_000;
const REPEATS = 7;
const one = JSON.stringify(runScenario(parseScenario(findPreset('retry-storm')?.scenario).scenario).series);
const text = one.repeat(Math.ceil(SIZE / one.length)).slice(0, SIZE);

function medianMs(f: () => string): { ms: number; hash: string } {
  let hash = f();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    hash = f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[REPEATS >> 1]!, hash };
}

const ours = medianMs(() => sha256Hex(text));
const node = medianMs(() => createHash('sha256').update(text, 'utf8').digest('hex'));
const mb = text.length / 1e6;
console.log(`SHA-256 of ${mb.toFixed(1)} MB of series JSON, median of ${REPEATS} (Node ${process.version})`);
console.log(`sha256Hex    ${ours.ms.toFixed(1)} ms  ${(mb / (ours.ms / 1000)).toFixed(0)} MB/s`);
console.log(`node:crypto  ${node.ms.toFixed(1)} ms  ${(mb / (node.ms / 1000)).toFixed(0)} MB/s`);
if (ours.hash !== node.hash) {
  console.error('the two hashes differ');
  process.exitCode = 1;
}
