import { EventQueue } from '../src/sim/engine/eventQueue';
import { Rng } from '../src/sim/engine/rng';

/**
 * The baseline: the same M/M/c model as a bare loop (typed-array heap and FIFO ring, same PRNG),
 * with no metrics, bins, triggers or client model. What a tight typed-array loop reaches.
 */
export function bareMmc(lambda: number, mu: number, c: number, arrivals: number, seed: number): { events: number; meanLatency: number } {
  const heap = new EventQueue(64);
  const rngA = new Rng(seed, 1);
  const rngS = new Rng(seed, 2);
  let ringCap = 1 << 16;
  let ring = new Float64Array(ringCap);
  let head = 0;
  let len = 0;
  let busy = 0;
  let made = 0;
  let events = 0;
  let latencySum = 0;
  let done = 0;
  heap.push(rngA.exp1() / lambda, 0, 0, 0);
  while (heap.size > 0) {
    heap.pop();
    const t = heap.time;
    events++;
    if (heap.kind === 0) {
      made++;
      if (made < arrivals) heap.push(t + rngA.exp1() / lambda, 0, 0, 0);
      if (busy < c) {
        busy++;
        const s = rngS.exp1() / mu;
        latencySum += s;
        heap.push(t + s, 1, 0, 0);
      } else {
        if (len === ringCap) {
          const next = new Float64Array(ringCap * 2);
          for (let k = 0; k < len; k++) next[k] = ring[(head + k) & (ringCap - 1)]!;
          ring = next;
          ringCap *= 2;
          head = 0;
        }
        ring[(head + len) & (ringCap - 1)] = t;
        len++;
      }
    } else {
      done++;
      if (len > 0) {
        const arrived = ring[head]!;
        head = (head + 1) & (ringCap - 1);
        len--;
        const s = rngS.exp1() / mu;
        latencySum += t - arrived + s;
        heap.push(t + s, 1, 0, 0);
      } else {
        busy--;
      }
    }
  }
  return { events, meanLatency: latencySum / done };
}
