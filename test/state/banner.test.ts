import { describe, expect, it } from 'vitest';
import type { Summary, Trigger } from '../../src/sim/index';
import { bannerFor, describeAction } from '../../src/state/index';

const spike: Trigger = { kind: 'spike', at: 20, duration: 10, factor: 2 };
const bad = (pattern: string) => Array.from(pattern, (c) => (c === '1' ? 1 : c === '0' ? 0 : NaN));
const input = (pattern: string, triggers: Trigger[] = [spike], extra: Partial<Parameters<typeof bannerFor>[0]> = {}) => {
  const b = bad(pattern);
  return { triggers, actions: [], bad: b, bins: b.length, binS: 1, nowS: b.length, summary: null, ...extra };
};

describe('bannerFor', () => {
  it('at t = 0 says the run is starting while it plays, and waits for Play when paused (a reset while paused)', () => {
    expect(bannerFor(input('', [], { playing: true })).kind).toBe('starting');
    const paused = bannerFor(input('', [], { playing: false }));
    expect(paused.kind).toBe('ready');
    expect(paused.text).toMatch(/press Play/);
  });

  it('says healthy before any trigger, and overloaded when bad bins come with no trigger', () => {
    expect(bannerFor(input('.....0000', [])).kind).toBe('healthy');
    expect(bannerFor(input('.....0011', [])).kind).toBe('overloaded');
  });

  it('names the assumptions the run broke after what it says, and none before a run starts', () => {
    const stuck = bannerFor(input('.....' + '0'.repeat(20) + '1'.repeat(30), [spike], { broken: ['clients do not retry'] }));
    expect(stuck.kind).toBe('stuck');
    expect(stuck.text).toMatch(/^Stuck for .* Assumption broken: “clients do not retry”\.$/);
    expect(bannerFor(input('.....0011', [], { broken: ['a', 'b'] })).text).toMatch(/Assumption broken: “a” and “b”\.$/);
    expect(bannerFor(input('', [], { playing: false, broken: ['a'] })).text).not.toMatch(/Assumption/);
    expect(bannerFor(input('.....0000', [], { broken: [] })).text).toBe('Healthy: goodput keeps up with the offered load.');
  });

  it('counts down an active trigger', () => {
    const b = bannerFor(input('.....' + '0'.repeat(20), [spike]));
    expect(b).toMatchObject({ kind: 'trigger', seconds: 5 });
    expect(b.text).toBe('The spike is on: 5 s left.');
  });

  it('counts how long the bad state has persisted since the trigger ended', () => {
    const b = bannerFor(input('.....' + '0'.repeat(15) + '1'.repeat(70)));
    expect(b).toMatchObject({ kind: 'stuck', tone: 'bad', seconds: 60 });
    expect(b.text).toMatch(/^Stuck for 1 min after the spike ended/);
    expect(bannerFor(input('.....' + '0'.repeat(15) + '1'.repeat(55))).text).toMatch(/^Stuck for 45 s after the spike ended/);
  });

  it('explains an unresolved verdict in its own words: too soon after the trigger, or bad on and off at the end', () => {
    const unresolved = { verdict: 'unresolved', recoveryTime: null, rescue: null } as unknown as Summary;
    // The spike ends at 30 s and the run at 70 s: 40 s is too short to judge.
    const soonPattern = '.....' + '0'.repeat(15) + '1'.repeat(50);
    // While the run goes on, its summary says unresolved too: the banner counts the bad state as before.
    expect(bannerFor(input(soonPattern, [spike], { summary: unresolved })).kind).toBe('stuck');
    const soon = bannerFor(input(soonPattern, [spike], { summary: unresolved, done: true }));
    expect(soon).toMatchObject({ kind: 'unresolved', tone: 'warn' });
    expect(soon.text).toBe(
      'Unresolved: the run ended 40 s after the spike ended, too soon to tell a lasting bad state from a slow recovery (the verdict needs 60 s after the last trigger). Run it longer to know.',
    );
    // Bad on and off through the last 60 s of a 150-s run.
    const flapping = bannerFor(input('.....' + '0'.repeat(25) + '1'.repeat(60) + '10'.repeat(30), [spike], { summary: unresolved, done: true }));
    expect(flapping).toMatchObject({ kind: 'unresolved', tone: 'warn' });
    expect(flapping.text).toBe(
      'Unresolved: bad for 30 s of the last 60 s, on and off, so neither stuck (metastable: bad throughout the last 60 s) nor recovered (no bad bin in them). Run it longer to know.',
    );
  });

  it('names the action that ended the bad state, and the recovery time once the engine calls it recovered', () => {
    const pattern = '.....' + '0'.repeat(15) + '1'.repeat(40) + '0'.repeat(70);
    const actions = [{ at: 45, set: { 'client.retry.maxRetries': 0 } }];
    const pending = bannerFor(input(pattern, [spike], { actions }));
    expect(pending.kind).toBe('recovering');
    expect(pending.text).toContain('rescued when retries were turned off (t = 45 s)');
    const summary = { verdict: 'recovered', recoveryTime: 30, rescue: actions[0] } as unknown as Summary;
    const done = bannerFor(input(pattern, [spike], { actions, summary }));
    expect(done).toMatchObject({ kind: 'recovered', tone: 'good', seconds: 30 });
    expect(done.text).toBe('Recovered 30 s after the spike ended, rescued when retries were turned off (t = 45 s).');
  });

  it('says the system absorbed a trigger that caused no bad bin', () => {
    expect(bannerFor(input('.....' + '0'.repeat(40))).kind).toBe('absorbed');
    // Not before the verdict's window has had time to see it.
    expect(bannerFor(input('.....' + '0'.repeat(30))).kind).toBe('ended');
  });
});

describe('describeAction', () => {
  it('reads common changes in words and falls back to the path', () => {
    expect(describeAction({ 'client.retry.maxRetries': 0 })).toBe('retries were turned off');
    expect(describeAction({ 'server.queue.discipline': 'lifo' })).toBe('the queue was switched to LIFO');
    expect(describeAction({ 'server.service.mean': 0.05, 'load.rate': 100 })).toBe('server.service.mean was set to 0.05 and the load was set to 100 req/s');
  });
});
