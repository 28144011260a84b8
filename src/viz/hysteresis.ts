/** Hysteresis loop geometry: a run's goodput against its offered load, split by the direction the load profile moves. */

export type RampDirection = 'up' | 'down' | 'steady';

/** One corner of a load profile (as the scenario format has it). */
export interface ProfileCorner {
  at: number;
  rate: number;
}

/** Whether the profile's rate rises, falls or holds at time `t` (constant before its first and after its last corner). */
export function rampDirection(profile: readonly ProfileCorner[], t: number): RampDirection {
  for (let i = 0; i + 1 < profile.length; i++) {
    const a = profile[i]!;
    const b = profile[i + 1]!;
    if (t >= a.at && t < b.at) return b.rate > a.rate ? 'up' : b.rate < a.rate ? 'down' : 'steady';
  }
  return 'steady';
}

export interface LoopPoint {
  offered: number;
  goodput: number;
  /** Start of the first bin of the block, seconds. */
  t: number;
}

export interface LoopLeg {
  direction: RampDirection;
  points: LoopPoint[];
}

/**
 * Mean offered load and goodput over blocks of `blockBins` bins, each block within one direction of the ramp,
 * grouped into legs (consecutive blocks of one direction). Bins with no value are skipped.
 */
export function loopLegs(
  bins: number,
  binS: number,
  profile: readonly ProfileCorner[],
  offered: (i: number) => number,
  goodput: (i: number) => number,
  blockBins: number,
): LoopLeg[] {
  const legs: LoopLeg[] = [];
  let i = 0;
  while (i < bins) {
    const direction = rampDirection(profile, (i + 0.5) * binS);
    let sumO = 0;
    let sumG = 0;
    let n = 0;
    const start = i;
    while (i < bins && i - start < blockBins && rampDirection(profile, (i + 0.5) * binS) === direction) {
      const o = offered(i);
      const g = goodput(i);
      if (Number.isFinite(o) && Number.isFinite(g)) {
        sumO += o;
        sumG += g;
        n++;
      }
      i++;
    }
    if (n === 0) continue;
    const point = { offered: sumO / n, goodput: sumG / n, t: start * binS };
    const last = legs[legs.length - 1];
    if (last !== undefined && last.direction === direction) last.points.push(point);
    else legs.push({ direction, points: [point] });
  }
  return legs;
}

/** The offered load where goodput differs most between the way up and the way down (nearest up point to each down point). */
export function widestGap(legs: readonly LoopLeg[]): { offered: number; up: number; down: number } | null {
  const ups = legs.filter((l) => l.direction === 'up').flatMap((l) => l.points);
  const downs = legs.filter((l) => l.direction === 'down').flatMap((l) => l.points);
  let best: { offered: number; up: number; down: number } | null = null;
  for (const d of downs) {
    let near: LoopPoint | null = null;
    for (const u of ups) if (near === null || Math.abs(u.offered - d.offered) < Math.abs(near.offered - d.offered)) near = u;
    if (near === null || Math.abs(near.offered - d.offered) > 0.05 * Math.max(1, d.offered)) continue;
    if (best === null || near.goodput - d.goodput > best.up - best.down) best = { offered: d.offered, up: near.goodput, down: d.goodput };
  }
  return best;
}
