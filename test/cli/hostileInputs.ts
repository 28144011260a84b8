/** Scenario files that are not scenarios: the sizes a hostile user tried, and the same shapes just under the size limit. */
import { SCENARIO_JSON_LIMITS } from '../../src/sim/scenario/index';

export interface HostileInput {
  name: string;
  /** The file's text, in chunks (the large ones are 50 MB). */
  chunks: () => Iterable<string>;
  /** What the refusal must say: the limit and the field. */
  message: RegExp;
}

const MB50 = 50_000_000;
const UNDER = SCENARIO_JSON_LIMITS.maxLength - 1024;
const CHUNK = 1 << 20;

/** `count` copies of `unit` (each copy given its index), with `open` before and `close` after. */
function* repeated(open: string, count: number, unit: (i: number) => string, close: string): Iterable<string> {
  yield open;
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += unit(i);
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + close;
}

function* nested(open: string, chars: number, close: string): Iterable<string> {
  yield open;
  for (let left = chars / 2; left > 0; left -= CHUNK) yield '['.repeat(Math.min(CHUNK, left));
  for (let left = chars / 2; left > 0; left -= CHUNK) yield ']'.repeat(Math.min(CHUNK, left));
  yield close;
}

const keys = (chars: number) => repeated('{', Math.floor(chars / 15), (i) => `${i === 0 ? '' : ','}"k${String(i).padStart(9, '0')}":1`, '}');
const list = (field: string, item: string, count: number) => repeated(`{"version":1,"${field}":[`, count, (i) => (i === 0 ? item : `,${item}`), ']}');
const TRIGGER = '{"kind":"spike","at":1,"duration":1,"factor":2}';
const ACTION = '{"at":1,"set":{"load.rate":10}}';
const TOO_BIG = /file of \d+ bytes, expected at most 4194304/;

export const HOSTILE_INPUTS: HostileInput[] = [
  { name: '50 MB of nested arrays at the root', chunks: () => nested('', MB50, ''), message: TOO_BIG },
  { name: '50 MB of nested arrays as load.rate', chunks: () => nested('{"load":{"rate":', MB50, '}}'), message: TOO_BIG },
  { name: '50 MB with 3.3 M unknown root keys', chunks: () => keys(MB50), message: TOO_BIG },
  { name: 'triggers with 1.09 M items (50 MB)', chunks: () => list('triggers', TRIGGER, 1.09e6), message: TOO_BIG },
  { name: 'actions with 1.59 M items', chunks: () => list('actions', ACTION, 1.59e6), message: TOO_BIG },
  { name: 'a valid scenario padded with 50 MB of whitespace', chunks: () => repeated('{"version":1,', MB50 / 100, () => ' '.repeat(100), '"load":{"rate":10}}'), message: TOO_BIG },
  { name: '4 MB of nested arrays as load.rate', chunks: () => nested('{"load":{"rate":', UNDER - 20, '}}'), message: /load\.rate\[0\].*: nested more than 32 levels deep/ },
  { name: '4 MB of unknown root keys', chunks: () => keys(UNDER), message: /\(root\): an object with more than 256 keys/ },
  { name: '4 MB of triggers', chunks: () => list('triggers', TRIGGER, Math.floor(UNDER / (TRIGGER.length + 1)) - 1), message: /triggers: an array of more than 10000 items/ },
  { name: '4 MB of actions', chunks: () => list('actions', ACTION, Math.floor(UNDER / (ACTION.length + 1)) - 1), message: /actions: an array of more than 10000 items/ },
];

/** Write a hostile input to `path` chunk by chunk. */
export function writeHostile(path: string, input: HostileInput, write: (path: string, chunk: string) => void): void {
  for (const chunk of input.chunks()) write(path, chunk);
}

/** The CLI launched with its cost reported (`reportUsage.mjs` preloaded): the command line for `node`. */
export const MEASURED_CLI = ['--import', './test/cli/reportUsage.mjs', 'scripts/sim.mjs'];

/** CPU time and peak memory from the last lines `reportUsage.mjs` writes to stderr (NaN when missing). */
export function readUsage(stderr: string): { cpuMs: number; peakMb: number } {
  const cpu = /cpu-ms (\d+)/.exec(stderr);
  const peak = /peak-rss-kb (\d+)\s*$/.exec(stderr);
  return { cpuMs: cpu ? Number(cpu[1]) : NaN, peakMb: peak ? Number(peak[1]) / 1024 : NaN };
}
