import { describe, expect, it } from 'vitest';
import { SERVICE_METRICS } from '../../src/sim/format';
import { ServiceBuffer } from '../../src/state/index';

const M = SERVICE_METRICS.length;

/** A frame of `bins` bins over `services` where metric m of service s in bin i (absolute) is i * 100 + s * 10 + m. */
function frame(services: string[], fromBin: number, bins: number) {
  const values = new Float64Array(bins * services.length * M);
  for (let i = 0; i < bins; i++) for (let s = 0; s < services.length; s++) for (let m = 0; m < M; m++) values[(i * services.length + s) * M + m] = (fromBin + i) * 100 + s * 10 + m;
  return { services, metrics: SERVICE_METRICS, bins, values };
}

describe('ServiceBuffer', () => {
  it('keeps each metric of each service of each bin where the frames put it, across growth', () => {
    const b = new ServiceBuffer();
    b.write(0, 3, frame(['a', 'b'], 0, 3));
    b.write(3, 300, frame(['a', 'b'], 3, 300));
    expect(b.services).toEqual(['a', 'b']);
    expect(b.length).toBe(303);
    expect(b.at(2, 1, 'goodput')).toBe(2 * 100 + 10 + SERVICE_METRICS.indexOf('goodput'));
    expect(b.at(302, 0, 'amplification')).toBe(302 * 100 + SERVICE_METRICS.indexOf('amplification'));
    expect(b.at(303, 0, 'arrivals')).toBeNaN();
    expect(b.at(0, 2, 'arrivals')).toBeNaN();
    expect(b.indexOf('b')).toBe(1);
    expect(b.figures(1, 1).errors).toBe(100 + 10 + SERVICE_METRICS.indexOf('errors'));
  });

  it('a frame written again over held bins replaces them; a new graph starts over; a one-server frame empties it', () => {
    const b = new ServiceBuffer();
    b.write(0, 2, frame(['a'], 0, 2));
    const again = frame(['a'], 1, 1);
    again.values.fill(7);
    b.write(1, 1, again);
    expect([b.length, b.at(1, 0, 'queue')]).toEqual([2, 7]);
    b.write(0, 1, frame(['x', 'y', 'z'], 0, 1));
    expect([b.services.length, b.length, b.at(0, 2, 'arrivals')]).toEqual([3, 1, 20]);
    b.write(1, 1, null);
    expect([b.services.length, b.length]).toEqual([0, 0]);
  });
});
