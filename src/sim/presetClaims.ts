import type { RunResult } from './engine/result';
import { runScenario } from './engine/runScenario';
import type { Preset, PresetClaim } from './scenario/presets/preset';
import { parseScenario } from './scenario/parse';
import { setPath } from './scenario/paths';

/** The figure a claim is about in one run (null when the run has none), and whether it holds. */
export interface ClaimCheck {
  claim: PresetClaim;
  value: number | null;
  holds: boolean;
}

/** Series like the queue are time integrals over a bin divided by its length: a bound they meet exactly may be off in the last bits. */
const ROUNDING = 1e-9;

function within(v: number | null, min: number | undefined, max: number | undefined): boolean {
  if (v === null || !Number.isFinite(v)) return false;
  return (min === undefined || v >= min - Math.abs(min) * ROUNDING) && (max === undefined || v <= max + Math.abs(max) * ROUNDING);
}

function windowValue(r: RunResult, c: Extract<PresetClaim, { kind: 'window' }>): number | null {
  const S = r.series;
  const to = c.to ?? r.scenario.duration;
  const sum = (name: 'goodput' | 'offered' | 'wasted' | 'throughput', i: number) => S[name][i] ?? 0;
  let a = 0;
  let b = 0;
  let n = 0;
  let best: number | null = null;
  for (let i = 0; i < S.t.length; i++) {
    const t = S.t[i]!;
    if (t < c.from || t >= to) continue;
    if (c.measure === 'goodputShare') {
      a += sum('goodput', i);
      b += sum('offered', i);
    } else if (c.measure === 'wastedShare') {
      a += sum('wasted', i);
      b += sum('throughput', i);
    } else {
      const v = S[c.measure][i];
      if (v === null || v === undefined) continue;
      a += v;
      n++;
      if (best === null || (c.stat === 'max' ? v > best : v < best)) best = v;
    }
  }
  if (c.measure === 'goodputShare' || c.measure === 'wastedShare') return b > 0 ? a / b : null;
  if (c.stat === 'max' || c.stat === 'min') return best;
  return n > 0 ? a / n : null;
}

/** A priority class's goodput / offered over the claim's window, from its series. */
function classShare(r: RunResult, c: Extract<PresetClaim, { kind: 'class' }>): number | null {
  const series = r.series.classes?.find((k) => k.name === c.name);
  if (series === undefined) return null;
  const to = c.to ?? r.scenario.duration;
  let good = 0;
  let offered = 0;
  r.series.t.forEach((t, i) => {
    if (t === null || t < c.from || t >= to) return;
    good += series.goodput[i] ?? 0;
    offered += series.offered[i] ?? 0;
  });
  return offered > 0 ? good / offered : null;
}

function summaryValue(r: RunResult, field: Extract<PresetClaim, { kind: 'summary' }>['field']): number | null {
  const s = r.summary;
  switch (field) {
    case 'p99':
      return s.latency.p99;
    case 'p999':
      return s.latency.p999;
    case 'goodputShare':
      return s.rates.offered > 0 ? s.rates.goodput / s.rates.offered : null;
    case 'failed':
      return s.counts.failed;
    default:
      return s[field];
  }
}

/** Check one claim against a run of its preset (a variant claim runs its own variant of `raw`). */
export function checkClaim(claim: PresetClaim, r: RunResult, raw: unknown): ClaimCheck {
  switch (claim.kind) {
    case 'recovery': {
      const v = r.summary.verdict === 'recovered' ? r.summary.recoveryTime : null;
      return { claim, value: v, holds: within(v, claim.min, claim.max) };
    }
    case 'stuck': {
      let firstGood: number | null = null;
      r.series.bad.forEach((b, i) => {
        if (firstGood === null && r.series.t[i]! >= claim.from && b !== 1) firstGood = r.series.t[i]!;
      });
      return { claim, value: firstGood, holds: firstGood === null && r.series.t.length > 0 };
    }
    case 'window': {
      const v = windowValue(r, claim);
      return { claim, value: v, holds: within(v, claim.min, claim.max) };
    }
    case 'summary': {
      const v = summaryValue(r, claim.field);
      return { claim, value: v, holds: within(v, claim.min, claim.max) };
    }
    case 'class': {
      const v = classShare(r, claim);
      return { claim, value: v, holds: within(v, claim.min, claim.max) };
    }
    case 'variant': {
      let changed = raw;
      for (const [path, value] of Object.entries(claim.set)) changed = setPath(changed, path, value);
      const verdict = runScenario(parseScenario(changed).scenario).summary.verdict;
      return { claim, value: null, holds: verdict === claim.verdict };
    }
  }
}

/** Run a preset under one seed and check every claim of its story. */
export function checkPresetClaims(preset: Preset, seed: number): { result: RunResult; checks: ClaimCheck[] } {
  const raw = { ...preset.scenario, seed };
  const result = runScenario(parseScenario(raw).scenario);
  return { result, checks: preset.claims.map((c) => checkClaim(c, result, raw)) };
}

/** The bounds a claim holds its figure to, for checking the numbers its words quote. */
export function claimBounds(claim: PresetClaim): { min: number; max: number } | null {
  switch (claim.kind) {
    case 'recovery':
      return { min: claim.min, max: claim.max };
    case 'stuck':
      return { min: claim.from, max: claim.from };
    case 'window':
    case 'summary':
    case 'class':
      return { min: claim.min ?? -Infinity, max: claim.max ?? Infinity };
    case 'variant':
      return null;
  }
}
