import { growI32 } from './typedArrays';

/**
 * A table of records stored column-wise (struct of arrays): ids are indices into the columns,
 * freed ids are reused from a free list, and the columns double when the table is full. This
 * class owns the id bookkeeping once; a table declares its columns and how to grow them.
 */
export abstract class RecordTable {
  /** Ids handed out so far are [0, top). */
  top = 0;
  /** Records in use. */
  live = 0;
  private cap: number;
  private free: Int32Array;
  private freeTop = 0;

  constructor(capacity: number) {
    this.cap = capacity;
    this.free = new Int32Array(capacity);
  }

  /** Grow every column to n records (keeping their contents). */
  protected abstract grow(n: number): void;

  /** A record id: a freed one if any, else a new one (growing the columns when full). */
  protected take(): number {
    this.live++;
    if (this.freeTop > 0) return this.free[--this.freeTop]!;
    if (this.top === this.cap) {
      const n = this.cap * 2;
      this.grow(n);
      this.free = growI32(this.free, n);
      this.cap = n;
    }
    return this.top++;
  }

  /** Give record id back for reuse. */
  protected put(id: number): void {
    this.live--;
    this.free[this.freeTop++] = id;
  }

  /** Problems of the free list (for self-checks): an id on it twice, or one that is in use. */
  checkFreeList(isFree: (id: number) => boolean, what: string): string[] {
    const problems: string[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < this.freeTop; i++) {
      const id = this.free[i]!;
      if (seen.has(id) || !isFree(id)) problems.push(`${what} ${id} on the free list twice or in use`);
      seen.add(id);
    }
    return problems;
  }
}
