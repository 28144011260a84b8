import { describe, expect, it } from 'vitest';
import { CALL_FREE, Calls, R_FREE, R_WAIT, Requests } from '../../../src/sim/engine/records';

describe('record tables', () => {
  it('hand out distinct ids, keep every column through growth, and reuse freed ids', () => {
    const requests = new Requests();
    const ids: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const r = requests.alloc();
      requests.first[r] = i + 0.5;
      requests.key[r] = i;
      ids.push(r);
    }
    expect(new Set(ids).size).toBe(5000);
    expect(requests.live).toBe(5000);
    expect(requests.top).toBe(5000);
    // Grown twice past the first 1024 records: the values written before each growth are still there.
    ids.forEach((r, i) => {
      expect(requests.first[r]).toBe(i + 0.5);
      expect(requests.key[r]).toBe(i);
      expect(requests.state[r]).toBe(R_WAIT);
    });
    const gen = requests.gen[ids[10]!]!;
    requests.release(ids[10]!);
    requests.release(ids[20]!);
    expect(requests.live).toBe(4998);
    expect(requests.state[ids[10]!]).toBe(R_FREE);
    expect(requests.gen[ids[10]!]).toBe(gen + 1);
    // Last freed, first reused; no new id while freed ones remain.
    expect(requests.alloc()).toBe(ids[20]);
    expect(requests.alloc()).toBe(ids[10]);
    expect(requests.alloc()).toBe(5000);
    expect(requests.checkFreeList((r) => requests.state[r] === R_FREE, 'request')).toEqual([]);
  });

  it('the free-list check reports an id that is in use', () => {
    const calls = new Calls();
    const a = calls.alloc();
    const b = calls.alloc();
    calls.release(a);
    expect(calls.checkFreeList((id) => calls.state[id] === CALL_FREE, 'call')).toEqual([]);
    calls.state[a] = 1;
    expect(calls.checkFreeList((id) => calls.state[id] === CALL_FREE, 'call')).toEqual([`call ${a} on the free list twice or in use`]);
    expect(b).not.toBe(a);
  });
});
