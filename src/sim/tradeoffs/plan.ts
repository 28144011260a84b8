/**
 * The tradeoffs view's plan (docs/model.md, "Cost measures"): the broken baseline, every cure that applies to the
 * scenario and every pair of them, each run on the same seeds, once as given and once under a transient failure
 * (a brief outage at a quarter of the load, where the baseline recovers by itself). No engine here: the page
 * builds the cells and a pool of workers (or the CLI's threads) runs them.
 */
import { CURES, type CureId } from '../cures';
import { parseScenario } from '../scenario/parse';
import { getPath, setPath } from '../scenario/paths';
import type { Scenario } from '../scenario/types';

/**
 * The seeds every configuration runs on: 8 fixed seeds, so a cure and the baseline meet the same arrivals and
 * failures. An ensemble runner can pass its own list instead.
 */
export const TRADEOFF_SEEDS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8];

/** The load of the transient variant, as a share of the scenario's: low enough that a retry storm drains by itself. */
export const TRANSIENT_LOAD_SCALE = 0.25;
/** The transient outage, in client timeouts: attempts caught by it time out once, and a retry after it succeeds. */
export const TRANSIENT_OUTAGE_TIMEOUTS = 1.5;

export interface TradeoffConfig {
  /** `none` for the baseline, a cure's id, or two joined by `+`. */
  id: string;
  cures: CureId[];
  label: string;
  /** The fields the configuration sets, as operator actions and `--set` write them. */
  set: Record<string, unknown>;
}

/** A run of the plan: configuration `config` (an index into the configurations), seed `seed`, as given or transient. */
export interface TradeoffCell {
  config: number;
  seed: number;
  transient: boolean;
  raw: unknown;
}

const RETRY_CURES: ReadonlySet<CureId> = new Set(['retry-budget', 'backoff-jitter', 'no-retries']);

function changes(current: unknown, value: unknown): boolean {
  if (current === null || current === undefined) return value !== null && value !== undefined;
  if (typeof value === 'object' && value !== null) return false; // a block already there (a breaker, CoDel) is not added again
  return current !== value;
}

/** The cures that change this scenario: each sets a field to a new value, retry cures need retries, and a graph takes the client's cures only. */
export function applicableCures(s: Scenario): { id: CureId; label: string; set: Record<string, unknown> }[] {
  const out: { id: CureId; label: string; set: Record<string, unknown> }[] = [];
  for (const cure of CURES) {
    if (cure.id === 'none') continue;
    if (RETRY_CURES.has(cure.id) && s.client.retry.maxRetries === 0) continue;
    const set = cure.patch(s);
    // A graph's services replace the one server: a cure of `server` fields would change nothing there.
    if (s.graph !== null && Object.keys(set).some((path) => path === 'server' || path.startsWith('server.'))) continue;
    if (!Object.entries(set).some(([path, value]) => changes(getPath(s, path), value))) continue;
    out.push({ id: cure.id, label: cure.label, set });
  }
  return out;
}

/** The baseline, every applicable cure, and (with `pairs`) every pair of them whose fields do not overlap. */
export function tradeoffConfigs(raw: unknown, pairs = true): TradeoffConfig[] {
  const s = parseScenario(raw).scenario;
  const cures = applicableCures(s);
  const configs: TradeoffConfig[] = [{ id: 'none', cures: [], label: 'baseline (no change)', set: {} }];
  for (const c of cures) configs.push({ id: c.id, cures: [c.id], label: c.label, set: c.set });
  if (pairs) {
    for (let i = 0; i < cures.length; i++) {
      for (let j = i + 1; j < cures.length; j++) {
        const a = cures[i]!;
        const b = cures[j]!;
        if (Object.keys(a.set).some((k) => k in b.set)) continue;
        configs.push({ id: `${a.id}+${b.id}`, cures: [a.id, b.id], label: `${a.label} + ${b.label}`, set: { ...a.set, ...b.set } });
      }
    }
  }
  return configs;
}

function scaleRate(x: unknown, k: number): unknown {
  return typeof x === 'number' ? x * k : x;
}

/**
 * The transient variant: the load scaled by `TRANSIENT_LOAD_SCALE` (rate, profile or clients), and instead of the
 * scenario's triggers one outage of `TRANSIENT_OUTAGE_TIMEOUTS` client timeouts (1.5 s without a timeout) at the
 * earliest trigger's start (a quarter of the run without triggers).
 */
export function transientVariant(raw: unknown): unknown {
  const s = parseScenario(raw).scenario;
  const at = s.triggers.length > 0 ? Math.min(...s.triggers.map((t) => t.at)) : s.duration / 4;
  const duration = TRANSIENT_OUTAGE_TIMEOUTS * (s.client.timeout ?? 1);
  let out = setPath(raw, 'triggers', [{ kind: 'outage', at, duration }]);
  if (s.load.clients !== null) return setPath(out, 'load.clients', Math.max(1, Math.round(s.load.clients * TRANSIENT_LOAD_SCALE)));
  out = setPath(out, 'load.rate', s.load.rate * TRANSIENT_LOAD_SCALE);
  if (s.load.profile !== null) {
    out = setPath(out, 'load.profile', s.load.profile.map((p) => ({ at: p.at, rate: scaleRate(p.rate, TRANSIENT_LOAD_SCALE) })));
  }
  return out;
}

/** Every run of the plan, configuration-major, then seed, then as given before transient. */
export function tradeoffCells(raw: unknown, configs: readonly TradeoffConfig[], seeds: readonly number[] = TRADEOFF_SEEDS): TradeoffCell[] {
  const transientBase = transientVariant(raw);
  const cells: TradeoffCell[] = [];
  configs.forEach((config, ci) => {
    for (const seed of seeds) {
      for (const transient of [false, true]) {
        let cell = setPath(transient ? transientBase : raw, 'seed', seed);
        for (const [path, value] of Object.entries(config.set)) cell = setPath(cell, path, value);
        cells.push({ config: ci, seed, transient, raw: cell });
      }
    }
  });
  return cells;
}
