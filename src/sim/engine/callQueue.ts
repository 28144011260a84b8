/**
 * The server's waiting line: a growable ring deque of (call id, generation). FIFO takes from
 * the front, LIFO from the back. Cancelled entries are skipped lazily by the caller (their
 * generation no longer matches), so `length` counts stored entries, live or not; the server
 * keeps its own count of live ones and calls `compact` when dead entries pile up.
 */
export class CallQueue {
  protected ids: Int32Array;
  protected gens: Int32Array;
  protected head = 0;
  length = 0;
  /** Fields of the entry removed by the last `popFront`/`popBack`. */
  id = 0;
  gen = 0;

  /** `capacity` must be a power of two. */
  constructor(capacity = 256) {
    this.ids = new Int32Array(capacity);
    this.gens = new Int32Array(capacity);
  }

  pushBack(id: number, gen: number): void {
    if (this.length === this.ids.length) this.grow();
    const i = (this.head + this.length) & (this.ids.length - 1);
    this.ids[i] = id;
    this.gens[i] = gen;
    this.length++;
  }

  popFront(): void {
    const i = this.head;
    this.id = this.ids[i]!;
    this.gen = this.gens[i]!;
    this.head = (i + 1) & (this.ids.length - 1);
    this.length--;
  }

  popBack(): void {
    const i = (this.head + this.length - 1) & (this.ids.length - 1);
    this.id = this.ids[i]!;
    this.gen = this.gens[i]!;
    this.length--;
  }

  /** The id and generation of the stored entry j places from the front (live or not). */
  idAt(j: number): number {
    return this.ids[(this.head + j) & (this.ids.length - 1)]!;
  }

  genAt(j: number): number {
    return this.gens[(this.head + j) & (this.ids.length - 1)]!;
  }

  clear(): void {
    this.head = 0;
    this.length = 0;
  }

  /** How many stored entries satisfy `live(id, gen)`. */
  count(live: (id: number, gen: number) => boolean): number {
    let n = 0;
    const mask = this.ids.length - 1;
    for (let k = 0; k < this.length; k++) {
      const i = (this.head + k) & mask;
      if (live(this.ids[i]!, this.gens[i]!)) n++;
    }
    return n;
  }

  /** Keep only the entries for which `live(id, gen)` holds, in order. */
  compact(live: (id: number, gen: number) => boolean): void {
    const cap = this.ids.length;
    let w = 0;
    const ids = new Int32Array(cap);
    const gens = new Int32Array(cap);
    for (let k = 0; k < this.length; k++) {
      const i = (this.head + k) & (cap - 1);
      const id = this.ids[i]!;
      const gen = this.gens[i]!;
      if (live(id, gen)) {
        ids[w] = id;
        gens[w] = gen;
        w++;
      }
    }
    this.ids = ids;
    this.gens = gens;
    this.head = 0;
    this.length = w;
  }

  private grow(): void {
    const cap = this.ids.length;
    const ids = new Int32Array(cap * 2);
    const gens = new Int32Array(cap * 2);
    for (let k = 0; k < this.length; k++) {
      const i = (this.head + k) & (cap - 1);
      ids[k] = this.ids[i]!;
      gens[k] = this.gens[i]!;
    }
    this.ids = ids;
    this.gens = gens;
    this.head = 0;
  }
}
