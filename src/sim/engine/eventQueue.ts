/**
 * A binary min-heap of timed events on typed arrays, ordered by (time, insertion order), so
 * simultaneous events run in the order they were scheduled and every run is reproducible.
 * An event is (time, kind, id, gen): `gen` lets a handler ignore an event whose target was
 * cancelled or reused since (lazy deletion).
 */
export class EventQueue {
  size = 0;
  /** Fields of the event returned by the last `pop()`. */
  time = 0;
  kind = 0;
  id = 0;
  gen = 0;

  private times: Float64Array;
  private seqs: Float64Array;
  private codes: Int32Array;
  private gens: Int32Array;
  private seq = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.codes = new Int32Array(capacity);
    this.gens = new Int32Array(capacity);
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.times[0]! : Infinity;
  }

  /** Schedule `kind` (0..15) for target `id` at `time`. */
  push(time: number, kind: number, id: number, gen: number): void {
    if (this.size === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const codes = this.codes;
    const gens = this.gens;
    const seq = this.seq++;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      codes[i] = codes[parent]!;
      gens[i] = gens[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    codes[i] = (id << 4) | kind;
    gens[i] = gen;
  }

  /** Remove the earliest event into `time`, `kind`, `id`, `gen`. The queue must not be empty. */
  pop(): void {
    const times = this.times;
    const seqs = this.seqs;
    const codes = this.codes;
    const gens = this.gens;
    const code = codes[0]!;
    this.time = times[0]!;
    this.kind = code & 15;
    this.id = code >> 4;
    this.gen = gens[0]!;
    const n = --this.size;
    if (n === 0) return;
    const lt = times[n]!;
    const ls = seqs[n]!;
    const lc = codes[n]!;
    const lg = gens[n]!;
    let i = 0;
    const half = n >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      let ct = times[c]!;
      const r = c + 1;
      if (r < n) {
        const rt = times[r]!;
        if (rt < ct || (rt === ct && seqs[r]! < seqs[c]!)) {
          c = r;
          ct = rt;
        }
      }
      if (lt < ct || (lt === ct && ls < seqs[c]!)) break;
      times[i] = ct;
      seqs[i] = seqs[c]!;
      codes[i] = codes[c]!;
      gens[i] = gens[c]!;
      i = c;
    }
    times[i] = lt;
    seqs[i] = ls;
    codes[i] = lc;
    gens[i] = lg;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const t = new Float64Array(n);
    t.set(this.times);
    this.times = t;
    const s = new Float64Array(n);
    s.set(this.seqs);
    this.seqs = s;
    const c = new Int32Array(n);
    c.set(this.codes);
    this.codes = c;
    const g = new Int32Array(n);
    g.set(this.gens);
    this.gens = g;
  }
}
