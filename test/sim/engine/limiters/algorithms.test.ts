// Each limit algorithm fed hand-made samples, checked against values worked out from the
// algorithm's definition in Netflix's concurrency-limits (AIMDLimit, VegasLimit, Gradient2Limit,
// Log10RootIntFunction, ExpAvgMeasurement), as docs/model.md states it. The expected values are
// computed by hand in the comments, not by running the code.
import { describe, expect, it } from 'vitest';
import { AimdLimit } from '../../../../src/sim/engine/limiters/aimd';
import { Gradient2Limit } from '../../../../src/sim/engine/limiters/gradient2';
import { log10Root } from '../../../../src/sim/engine/limiters/limit';
import { VegasLimit } from '../../../../src/sim/engine/limiters/vegas';
import { LIMITER_DEFAULTS } from '../../../../src/sim/scenario/limiterSpec';

describe('log10Root (Log10RootIntFunction, baseline 0)', () => {
  it('is max(1, ⌊log10 n⌋)', () => {
    const cases: [number, number][] = [[0, 1], [1, 1], [9, 1], [10, 1], [99, 1], [100, 2], [999, 2], [1000, 3], [12_345, 4]];
    for (const [n, want] of cases) expect(log10Root(n)).toBe(want);
  });
});

describe('AIMD', () => {
  it('adds 1 while inflight × 2 ≥ limit, multiplies by backoffRatio on a drop or an RTT over the timeout, clamps', () => {
    const l = new AimdLimit({ initialLimit: 10, minLimit: 1, maxLimit: 12, backoffRatio: 0.5, timeout: 1 });
    const steps: [rtt: number, inflight: number, drop: boolean, limit: number][] = [
      [0.1, 5, false, 11], // 5·2 = 10 ≥ 10 → 10 + 1
      [0.1, 4, false, 11], // 4·2 = 8 < 11 → unchanged
      [0.1, 6, false, 12], // 12 ≥ 11 → 12
      [0.1, 6, false, 12], // 12 ≥ 12 → 13, clamped to maxLimit 12
      [0.1, 6, true, 6], // drop: ⌊12 · 0.5⌋
      [2.0, 6, false, 3], // rtt 2 > timeout 1 counts as a drop: ⌊6 · 0.5⌋
      [0.1, 1, true, 1], // ⌊3 · 0.5⌋ = 1
      [0.1, 1, true, 1], // ⌊1 · 0.5⌋ = 0, clamped to minLimit 1
    ];
    for (const [rtt, inflight, drop, limit] of steps) {
      l.onSample(rtt, inflight, drop);
      expect(l.limit).toBe(limit);
    }
  });

  it('with the library defaults (20…200, 0.9, 5 s) a drop at the floor stays there and one above it truncates', () => {
    const l = new AimdLimit({ ...LIMITER_DEFAULTS.aimd });
    l.onSample(0.1, 20, true);
    expect(l.limit).toBe(20); // ⌊20 · 0.9⌋ = 18 → minLimit 20
    for (let i = 0; i < 5; i++) l.onSample(0.1, 20, false);
    expect(l.limit).toBe(25); // five +1 (20·2 ≥ limit each time)
    l.onSample(5.5, 20, false);
    expect(l.limit).toBe(22); // 5.5 s > 5 s: ⌊25 · 0.9⌋ = ⌊22.5⌋
  });
});

describe('Vegas', () => {
  const base = { initialLimit: 20, maxLimit: 1000, smoothing: 1, probeMultiplier: 30, alpha: null, beta: null, threshold: null };

  it('moves by the estimated queue ⌈limit·(1 − rttNoLoad/rtt)⌉ against alpha, beta and the threshold', () => {
    // Jitter 0: probe every 0.5 · 30 · limit samples, far beyond this test.
    const l = new VegasLimit(base, () => 0);
    const steps: [rtt: number, inflight: number, drop: boolean, limit: number][] = [
      [0.1, 20, false, 20], // first sample: rttNoLoad = 0.1, no change
      [0.1, 20, false, 26], // q = ⌈20·0⌉ = 0 ≤ threshold log10Root(20) = 1 → 20 + beta (6·1)
      [0.2, 26, false, 25], // q = ⌈26·0.5⌉ = 13 > beta 6 → 26 − log10Root(26) = 25
      [0.12, 25, false, 25], // q = ⌈25·(1 − 0.1/0.12)⌉ = ⌈4.17⌉ = 5: alpha 3 ≤ 5 ≤ beta 6 → unchanged
      [0.105, 25, false, 26], // q = ⌈25·0.0476⌉ = 2: > threshold 1, < alpha 3 → 25 + 1
      [0.2, 12, false, 26], // 12·2 = 24 < 26: application-limited, unchanged
      [0.2, 12, true, 25], // a drop decreases whatever the in-flight count: 26 − 1
      [0.05, 25, true, 25], // a new least RTT only becomes rttNoLoad, even on a drop
    ];
    for (const [rtt, inflight, drop, limit] of steps) {
      l.onSample(rtt, inflight, drop);
      expect(l.limit).toBe(limit);
    }
    expect(l.rttNoLoad).toBe(0.05);
  });

  it('smooths, clamps to maxLimit, and uses log10Root of larger limits', () => {
    const smooth = new VegasLimit({ ...base, smoothing: 0.5 }, () => 0);
    smooth.onSample(0.1, 20, false);
    smooth.onSample(0.1, 20, false);
    expect(smooth.limit).toBe(23); // 0.5·20 + 0.5·(20 + 6)
    const capped = new VegasLimit({ ...base, maxLimit: 22 }, () => 0);
    capped.onSample(0.1, 20, false);
    capped.onSample(0.1, 20, false);
    expect(capped.limit).toBe(22); // 26 clamped to 22
    const big = new VegasLimit({ ...base, initialLimit: 150 }, () => 0);
    big.onSample(0.1, 150, false);
    big.onSample(0.1, 150, false);
    expect(big.limit).toBe(162); // log10Root(150) = 2: beta = 12
    big.onSample(0.2, 150, false);
    expect(big.limit).toBe(160); // q = 81 > beta 12 → 162 − 2
  });

  it('probes: after U(0.5, 1)·probeMultiplier·limit samples the sample itself becomes rttNoLoad', () => {
    // Jitter draw 0 → factor 0.5; probeMultiplier 1, limit 4: probe when the count reaches 2.
    const l = new VegasLimit({ ...base, initialLimit: 4, probeMultiplier: 1 }, () => 0);
    l.onSample(0.1, 4, false); // count 1 < 2: rttNoLoad = 0.1
    l.onSample(0.3, 4, false); // count 2 ≥ 2: probe, rttNoLoad = 0.3 (larger), no change
    expect(l.rttNoLoad).toBe(0.3);
    expect(l.limit).toBe(4);
    l.onSample(0.3, 4, false); // q = 0 ≤ 1 → 4 + 6
    expect(l.limit).toBe(10);
  });

  it('takes constant alpha, beta and threshold when given', () => {
    const l = new VegasLimit({ ...base, alpha: 1, beta: 2, threshold: 0 }, () => 0);
    l.onSample(0.1, 20, false);
    l.onSample(0.11, 20, false); // q = ⌈20·(1 − 0.1/0.11)⌉ = ⌈1.82⌉ = 2: not ≤ 0, not < 1, not > 2 → unchanged
    expect(l.limit).toBe(20);
    l.onSample(0.1, 20, false); // q = 0 ≤ 0 → 20 + beta 2
    expect(l.limit).toBe(22);
  });
});

describe('Gradient2', () => {
  const p = { initialLimit: 20, minLimit: 1, maxLimit: 200, smoothing: 0.2, queueSize: 4, longWindow: 600, rttTolerance: 1.5 };

  it('takes no sample without a round trip (a call shed the instant it was admitted): the limit stays a whole number', () => {
    // longWindow 1 makes the long-term RTT the last sample: a 0 would give 0 / 0 and a NaN limit that admits everything.
    const l = new Gradient2Limit({ ...p, initialLimit: 1, longWindow: 1 });
    l.onSample(0, 1, true);
    expect([l.limit, l.rttNoLoad]).toEqual([1, NaN]);
    l.onSample(0.01, 1, false);
    // longRtt = 0.01; gradient = min(1, 1.5) = 1; 1·0.8 + (1 + 4)·0.2 = 1.8 → 1
    expect(l.limit).toBe(1);
    expect(l.rttNoLoad).toBe(0.01);
  });

  it('sets limit·(1−s) + (limit·gradient + queueSize)·s, gradient = clamp(1.5·longRtt/rtt, 0.5, 1), long RTT a warm-up mean', () => {
    const l = new Gradient2Limit(p);
    l.onSample(0.1, 20, false);
    // longRtt = 0.1; gradient = min(1, 1.5) = 1; 20·0.8 + (20 + 4)·0.2 = 20.8
    expect(l.limit).toBe(20);
    expect(l.gradient).toBe(1);
    l.onSample(0.3, 20, false);
    // longRtt = (0.1 + 0.3)/2 = 0.2; gradient = min(1, 1.5·0.2/0.3) = 1; 20.8·0.8 + 24.8·0.2 = 21.6
    expect(l.limit).toBe(21);
    l.onSample(1.0, 21, false);
    // longRtt = 1.4/3; gradient = 1.5·(1.4/3)/1 = 0.7; 21.6·0.8 + (21.6·0.7 + 4)·0.2 = 17.28 + 3.824 = 21.104
    expect(l.gradient).toBeCloseTo(0.7, 12);
    expect(l.limit).toBe(21);
    l.onSample(0.01, 5, false);
    // longRtt = 1.41/4 = 0.3525 > 2·0.01: cut to 0.3525·0.95; 5 < 21.104/2: no change to the limit
    expect(l.rttNoLoad).toBeCloseTo(0.334875, 12);
    expect(l.limit).toBe(21);
    l.onSample(0.1, 21, false);
    // Still warming up: longRtt = (1.41 + 0.1)/5 = 0.302 (the cut forgotten), > 2·0.1 → stored 0.2869;
    // gradient from 0.302: min(1, 4.53) = 1; 21.104·0.8 + 25.104·0.2 = 21.904
    expect(l.rttNoLoad).toBeCloseTo(0.2869, 12);
    expect(l.limit).toBe(21);
    for (let i = 0; i < 20; i++) l.onSample(0.1, 21, false);
    // 20 more of the same: 21.904 + 20·0.8 = 37.904 (gradient 1 each time, since longRtt ≥ 0.1·2/3)
    expect(l.limit).toBe(37);
  });

  it('becomes an exponential average with factor 2/(longWindow + 1) after 10 samples, gradient at least 0.5', () => {
    const l = new Gradient2Limit({ ...p, minLimit: 10 });
    for (let i = 0; i < 10; i++) l.onSample(0.1, 200, false);
    // 10 samples: 20 + 10·0.8 = 28; longRtt = 0.1
    expect(l.limit).toBe(28);
    l.onSample(0.4, 200, false);
    // longRtt = 0.1·(1 − 2/601) + 0.4·2/601; gradient = max(0.5, 1.5·0.100998/0.4 = 0.379) = 0.5
    // 28·0.8 + (28·0.5 + 4)·0.2 = 22.4 + 3.6 = 26
    expect(l.rttNoLoad).toBeCloseTo(0.1 + (0.3 * 2) / 601, 12);
    expect(l.gradient).toBe(0.5);
    expect(l.limit).toBe(26);
    for (let i = 0; i < 40; i++) l.onSample(0.4, 200, false);
    // longRtt creeps up to at most 0.1 + 0.3·(1 − (599/601)^41) ≈ 0.138, so gradient g ≤ 1.5·0.138/0.4 ≈ 0.52;
    // each step L → 0.8L + 0.2(gL + 4), fixed point 0.8/(0.2(1 − g)) ≤ 8.4 < minLimit: it ends at 10
    expect(l.limit).toBe(10);
  });
});
