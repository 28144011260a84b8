import type { Found } from './found';
import type { EffectiveState } from './guard';
import type { Scenario } from './types';

/**
 * The memory guard: what a run holds at its peak, estimated from the fields that size it, and
 * refused beyond MEMORY_BUDGET (docs/scenario.md, "How much work a scenario may ask for").
 * The constants are bytes per item, read off the engine's arrays and measured with the CLI
 * (`/usr/bin/time -v npm run -s sim -- run`, peak resident memory less Node's own ~50 MB).
 */

/** Most memory a run may need for its engine state and its result, bytes (Node or the page itself not counted). */
export const MEMORY_BUDGET = 300e6;

/**
 * One value of a bin series (23 series a bin, plus 2 the verdict keeps): the engine's Float64Array,
 * the JSON array of the result and its printed text. Measured: 56 bytes a value for 200,000 bins.
 */
export const BYTES_PER_SERIES_VALUE = 56;
/** Bin series an engine keeps: the 23 printed ones and the verdict's offered and good counts (the limiter's apart). */
export const SERIES_PER_BIN = 25;
/** The server limiter's printed series (limit, RTT, RTT with no load, gradient), counted apart. */
export const LIMITER_SERIES = 4;
/** The client limiter's printed series (its limit). */
export const CLIENT_LIMITER_SERIES = 1;
/** A priority class's printed series (offered, goodput, failed, rejected): they exist only with load.priorities. */
export const CLASS_SERIES = 4;
/**
 * One value of a limiter series in a run without a limiter, where every value is null: the engine keeps
 * no array for it, so 8 bytes in the JSON array and 5 of text (`null,`).
 */
export const BYTES_PER_NULL_SERIES_VALUE = 13;
/**
 * One per-station utilisation value (fan-out backends or shards): the engine's array, one JSON
 * row of `stations` values a bin and its text. Measured: 79 bytes a value (200,000 bins × 20 shards).
 */
export const BYTES_PER_STATION_VALUE = 80;
/**
 * One slot of the request and attempt pools: 58 bytes of request fields, 47 of attempt fields,
 * 8 of a server queue entry and two 24-byte events (its timer and its arrival or completion).
 * Measured: 1,000,000 requests in flight take 123 MB.
 */
export const BYTES_PER_IN_FLIGHT = 160;
/** The pools start at this many slots and double when full. */
const POOL_START = 1024;
/** One key of the key space (cache or partitions): its probability, its cache expiry and the alias table built from them. */
export const BYTES_PER_KEY = 48;
/** One write-conflict client: its state (28 bytes) and its two events (24 bytes each). */
export const BYTES_PER_WRITER = 80;
/** Longest text of one value in the JSON output: `-1.2345678901234567e-308,`. */
export const OUTPUT_BYTES_PER_VALUE = 25;

/** One part of the estimate, with the arithmetic and the fields that lower it. */
export interface MemoryPart {
  bytes: number;
  /** `200000 bins (duration 200000 / bin 1) × …` */
  formula: string;
  /** The field a refusal names (the path of the issue). */
  field: string;
  /** What to change, for the message: `raise bin, or lower duration or partitions.shards`. */
  advice: string;
}

export interface MemoryEstimate {
  /** Estimated peak bytes of the engine state and the result. */
  bytes: number;
  /** Longest the CLI's JSON output of the series can be, bytes. */
  outputBytes: number;
  /** Series values kept: bins × (series + per-station values). */
  values: number;
  parts: MemoryPart[];
}

function binsOf(s: Scenario): number {
  return Math.max(1, Math.ceil(s.duration / s.bin - 1e-9));
}

/** Backends or shards, and the field that sets them (actions cannot change either). */
function stationsOf(s: Scenario): { stations: number; field: string } {
  if (s.fanout !== null) return { stations: s.fanout.n, field: 'fanout.n' };
  return { stations: s.partitions?.shards ?? 1, field: 'partitions.shards' };
}

function poolSlots(n: number): number {
  let slots = POOL_START;
  while (slots < n) slots *= 2;
  return slots;
}

function seriesPart(s: Scenario): { part: MemoryPart; values: number } {
  const bins = binsOf(s);
  const { stations, field } = stationsOf(s);
  const perStation = stations > 1 ? stations : 0;
  const binText = `${bins} bins (duration ${s.duration} / bin ${s.bin})`;
  if (perStation === 0) {
    return {
      values: bins * SERIES_PER_BIN,
      part: {
        bytes: bins * SERIES_PER_BIN * BYTES_PER_SERIES_VALUE,
        formula: `series: ${binText} × ${SERIES_PER_BIN} series × ${BYTES_PER_SERIES_VALUE} bytes`,
        field: 'bin',
        advice: 'raise bin or lower duration',
      },
    };
  }
  const bytes = bins * (SERIES_PER_BIN * BYTES_PER_SERIES_VALUE + perStation * BYTES_PER_STATION_VALUE);
  const stationsDominate = perStation * BYTES_PER_STATION_VALUE > SERIES_PER_BIN * BYTES_PER_SERIES_VALUE;
  return {
    values: bins * (SERIES_PER_BIN + perStation),
    part: {
      bytes,
      formula:
        `series: ${binText} × (${SERIES_PER_BIN} series × ${BYTES_PER_SERIES_VALUE} bytes` +
        ` + ${field} ${perStation} utilisations × ${BYTES_PER_STATION_VALUE} bytes)`,
      field: stationsDominate ? field : 'bin',
      advice: `raise bin, or lower duration or ${field}`,
    },
  };
}

/** Requests and attempts that can be in flight at once: at most limits.maxInFlight each, and never more than the run's attempts. */
function inFlightPart(s: Scenario, attempts: number): MemoryPart {
  const cap = s.limits.maxInFlight;
  const live = Math.min(cap, Math.ceil(attempts));
  const slots = poolSlots(live);
  const bound = live === cap ? `limits.maxInFlight ${cap}` : `the run's ${live} attempts`;
  return {
    bytes: slots * BYTES_PER_IN_FLIGHT,
    formula: `requests in flight: ${slots} pool slots (for ${bound}) × ${BYTES_PER_IN_FLIGHT} bytes`,
    field: 'limits.maxInFlight',
    advice: 'lower limits.maxInFlight',
  };
}

function limiterPart(s: Scenario, states: readonly EffectiveState[], side: 'server' | 'client'): MemoryPart {
  const bins = binsOf(s);
  const on = states.some((st) => st.scenario[side].limiter !== null);
  const perValue = on ? BYTES_PER_SERIES_VALUE : BYTES_PER_NULL_SERIES_VALUE;
  const n = side === 'server' ? LIMITER_SERIES : CLIENT_LIMITER_SERIES;
  return {
    bytes: bins * n * perValue,
    formula: `${side === 'server' ? '' : 'client '}limiter series: ${bins} bins × ${n} series × ${perValue} bytes${on ? '' : ` (all null: no ${side}.limiter)`}`,
    field: 'bin',
    advice: 'raise bin or lower duration',
  };
}

function classesPart(s: Scenario): MemoryPart | null {
  const classes = s.load.priorities?.length ?? 0;
  if (classes === 0) return null;
  const bins = binsOf(s);
  return {
    bytes: bins * classes * CLASS_SERIES * BYTES_PER_SERIES_VALUE,
    formula: `priority class series: ${bins} bins × ${classes} classes × ${CLASS_SERIES} series × ${BYTES_PER_SERIES_VALUE} bytes`,
    field: 'bin',
    advice: 'raise bin or lower duration',
  };
}

function keysPart(states: readonly EffectiveState[]): MemoryPart | null {
  const keyed = states.filter(({ scenario: s }) => s.cache !== null || s.partitions !== null);
  if (keyed.length === 0) return null;
  const keys = Math.max(...keyed.map((st) => st.scenario.load.keys));
  return {
    bytes: keys * BYTES_PER_KEY,
    formula: `keys: load.keys ${keys} × ${BYTES_PER_KEY} bytes`,
    field: 'load.keys',
    advice: 'lower load.keys',
  };
}

/**
 * Peak memory of a run (and the size of its printed series): the bin series, per-station
 * utilisation, the request pools up to the in-flight cap, and the key space (the largest an
 * action leaves it, since actions can change load.keys and switch the cache on). `attempts`: the work guard's bound on the run's attempts.
 */
export function estimateMemory(scenario: Scenario, states: readonly EffectiveState[], attempts: number): MemoryEstimate {
  const all = states.length > 0 ? states : [{ scenario, action: null }];
  const series = seriesPart(scenario);
  const parts = [series.part, limiterPart(scenario, all, 'server'), limiterPart(scenario, all, 'client')];
  const classes = classesPart(scenario);
  if (classes !== null) parts.push(classes);
  if (scenario.model === 'write-conflict') {
    const n = scenario.writeConflict.clients;
    parts.push({
      bytes: n * BYTES_PER_WRITER,
      formula: `clients: writeConflict.clients ${n} × ${BYTES_PER_WRITER} bytes`,
      field: 'writeConflict.clients',
      advice: 'lower writeConflict.clients',
    });
  } else {
    parts.push(inFlightPart(scenario, attempts));
    const keys = keysPart(all);
    if (keys !== null) parts.push(keys);
  }
  return {
    bytes: parts.reduce((sum, p) => sum + p.bytes, 0),
    outputBytes: (series.values + binsOf(scenario) * LIMITER_SERIES) * OUTPUT_BYTES_PER_VALUE,
    values: series.values + binsOf(scenario) * LIMITER_SERIES,
    parts,
  };
}

/** Bytes as `4.6 GB` or `310 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  return `${Math.round(bytes / 1e6)} MB`;
}

/** A problem if the run would need more than MEMORY_BUDGET, naming the field of its largest part. */
export function checkMemory(scenario: Scenario, states: readonly EffectiveState[], attempts: number): Found | null {
  const estimate = estimateMemory(scenario, states, attempts);
  if (estimate.bytes <= MEMORY_BUDGET) return null;
  // The largest part names the field; any other part of a tenth of the total or more is a way out too.
  const [largest, ...others] = [...estimate.parts].sort((a, b) => b.bytes - a.bytes);
  const advice = [...new Set([largest!, ...others.filter((p) => p.bytes >= estimate.bytes / 10)].map((p) => p.advice))].join('; or ');
  return {
    segments: largest!.field.split('.'),
    message:
      `scenario needs about ${formatBytes(estimate.bytes)} of memory (${estimate.parts.map((p) => p.formula).join('; ')})` +
      ` and prints up to ${formatBytes(estimate.outputBytes)} of series; the limit is ${formatBytes(MEMORY_BUDGET)}: ${advice}`,
  };
}
