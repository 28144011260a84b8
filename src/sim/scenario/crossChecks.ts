import type { Found } from './found';
import { MAX_BINS, MIN_BIN } from './schema';
import type { Scenario, Trigger } from './types';

/** Rules across fields, checked once every field is valid on its own. */
export function checkCore(s: Omit<Scenario, 'triggers' | 'actions'>): Found[] {
  const found: Found[] = [];
  if (s.warmup >= s.duration) {
    found.push({
      segments: ['warmup'],
      message: `got ${s.warmup}, expected a number from 0 to ${s.duration} (exclusive): warmup lies inside duration`,
      related: ['warmup', 'duration'],
    });
  }
  const minBin = Math.max(MIN_BIN, s.duration / MAX_BINS);
  if (s.bin > s.duration || s.bin < minBin) {
    found.push({
      segments: ['bin'],
      message:
        `got ${s.bin}, expected a number from ${minBin} to ${s.duration}` +
        ` (at most duration ${s.duration}, and at most ${MAX_BINS} bins)`,
      related: ['bin', 'duration'],
    });
  }
  const profile = s.load.profile;
  if (profile !== null) {
    if (profile.length === 0) {
      found.push({ segments: ['load', 'profile'], message: 'got an empty array, expected null or at least one { "at", "rate" } point' });
    }
    for (let i = 1; i < profile.length; i++) {
      const prev = profile[i - 1]!.at;
      if (profile[i]!.at <= prev) {
        found.push({
          segments: ['load', 'profile', i, 'at'],
          message: `got ${profile[i]!.at}, expected a time after the previous point's ${prev}: points are in increasing order of "at"`,
        });
        break;
      }
    }
  }
  if (s.server.autoscale !== null && s.server.concurrency === null) {
    found.push({
      segments: ['server', 'autoscale'],
      message: 'needs a bounded server.concurrency (got null): autoscaling adds slots to a finite number of them',
      related: ['server.autoscale', 'server.concurrency'],
    });
  }
  return found;
}

export function checkTriggers(triggers: readonly Trigger[]): Found[] {
  const found: Found[] = [];
  triggers.forEach((t, i) => {
    if (t.kind === 'capacity' && t.factor === 1 && t.slots === 0) {
      found.push({
        segments: ['triggers', i],
        message: 'a capacity trigger with factor 1 and slots 0 would change nothing: give a factor other than 1, or slots above 0',
      });
    }
  });
  return found;
}
