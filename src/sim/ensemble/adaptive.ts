import { wilson } from './wilson';

/** How an adaptive probability map spends its seeds. */
export interface AdaptiveOptions {
  /** Seeds every cell runs first (at least 1). */
  initialSeeds: number;
  /** Seeds added to a chosen cell per round (at least 1). */
  step: number;
  /** Most seeds one cell runs. */
  maxSeeds: number;
  /** Most seeds the whole map runs, the initial ones included. */
  budget: number;
  /** A cell whose 95 % interval is this narrow or narrower gets no more seeds. */
  targetWidth: number;
}

export const ADAPTIVE_DEFAULTS = { initialSeeds: 2, step: 2, maxSeeds: 32, targetWidth: 0.3 } as const;
/** The default budget: this many seeds per cell on average. */
export const ADAPTIVE_DEFAULT_SEEDS_PER_CELL = 3;

/** One seed to run: seed index `seedIndex` (as `ensembleSeed` numbers them) of cell `cell`. */
export interface SeedJob {
  cell: number;
  seedIndex: number;
}

/**
 * The adaptive sampler of a probability map (nx × ny cells, cell = xi · ny + yi, x-major as sweeps
 * number them), in rounds. Round 0 gives every cell `initialSeeds`. Every later round looks at the
 * counts so far and gives `step` more seeds to each cell that is still uncertain:
 *  - its own seeds disagree (some stuck, some not), or a 4-neighbour's share lies on the other
 *    side of 50 % (the neighbours disagree), and
 *  - its Wilson 95 % interval is wider than `targetWidth`, and it has fewer than `maxSeeds`.
 * A cell whose seeds all agree with each other and with its neighbours' majorities is settled: it
 * is inside a region, not on the boundary. Uncertain cells are served widest interval first (ties:
 * lower cell index), and a round is cut where the budget ends. Sampling stops when no cell is
 * uncertain or the budget is spent. Each round depends only on the counts of the rounds before
 * it, so the seeds run — and the map — are the same however the seeds of a round are scheduled.
 */
export class AdaptiveSampler {
  readonly cells: number;
  /** Seeds run per cell. */
  readonly n: Int32Array;
  /** Stuck seeds per cell. */
  readonly stuck: Int32Array;
  private spentSeeds = 0;
  private pending = 0;
  private round = 0;

  constructor(
    readonly nx: number,
    readonly ny: number,
    readonly options: AdaptiveOptions,
  ) {
    for (const [name, value] of [['initialSeeds', options.initialSeeds], ['step', options.step], ['maxSeeds', options.maxSeeds], ['budget', options.budget]] as const) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`adaptive sampling: ${name} must be a whole number of at least 1, got ${value}`);
    }
    if (!(options.targetWidth > 0 && options.targetWidth <= 1)) throw new RangeError(`adaptive sampling: targetWidth must be in (0, 1], got ${options.targetWidth}`);
    this.cells = nx * ny;
    this.n = new Int32Array(this.cells);
    this.stuck = new Int32Array(this.cells);
  }

  /** Seeds handed out so far (run or pending). */
  get spent(): number {
    return this.spentSeeds;
  }

  /** Rounds handed out so far. */
  get rounds(): number {
    return this.round;
  }

  /** Record one finished seed of the current round. */
  record(cell: number, stuck: boolean): void {
    if (this.pending <= 0) throw new Error('adaptive sampling: a result arrived that no round asked for');
    this.pending--;
    this.n[cell]!++;
    if (stuck) this.stuck[cell]!++;
  }

  /** The next round's seeds (empty when sampling is done). Every seed of the previous round must be recorded first. */
  nextRound(): SeedJob[] {
    if (this.pending > 0) throw new Error(`adaptive sampling: ${this.pending} seeds of the last round are not recorded yet`);
    const left = this.options.budget - this.spentSeeds;
    const jobs: SeedJob[] = [];
    if (left <= 0) return jobs;
    if (this.round === 0) {
      const per = Math.min(this.options.initialSeeds, this.options.maxSeeds);
      for (let s = 0; s < per; s++) for (let c = 0; c < this.cells && jobs.length < left; c++) jobs.push({ cell: c, seedIndex: s });
    } else {
      const chosen = this.uncertainCells();
      for (const c of chosen) {
        const add = Math.min(this.options.step, this.options.maxSeeds - this.n[c]!, left - jobs.length);
        for (let s = 0; s < add; s++) jobs.push({ cell: c, seedIndex: this.n[c]! + s });
        if (jobs.length >= left) break;
      }
    }
    if (jobs.length > 0) this.round++;
    this.pending = jobs.length;
    this.spentSeeds += jobs.length;
    return jobs;
  }

  /** Share of stuck seeds of a cell (NaN with no seeds). */
  share(cell: number): number {
    const n = this.n[cell]!;
    return n === 0 ? NaN : this.stuck[cell]! / n;
  }

  /** Cells still uncertain (see the class), widest interval first. */
  uncertainCells(): number[] {
    const out: { cell: number; width: number }[] = [];
    for (let c = 0; c < this.cells; c++) {
      const n = this.n[c]!;
      if (n >= this.options.maxSeeds) continue;
      const w = wilson(this.stuck[c]!, n);
      const width = w.high - w.low;
      if (width <= this.options.targetWidth) continue;
      if (this.disagrees(c)) out.push({ cell: c, width });
    }
    out.sort((a, b) => b.width - a.width || a.cell - b.cell);
    return out.map((o) => o.cell);
  }

  private disagrees(c: number): boolean {
    const k = this.stuck[c]!;
    const n = this.n[c]!;
    if (n === 0) return true;
    if (k > 0 && k < n) return true;
    const side = k / n >= 0.5;
    const xi = Math.floor(c / this.ny);
    const yi = c % this.ny;
    const neighbours = [
      xi > 0 ? c - this.ny : -1,
      xi < this.nx - 1 ? c + this.ny : -1,
      yi > 0 ? c - 1 : -1,
      yi < this.ny - 1 ? c + 1 : -1,
    ];
    for (const d of neighbours) {
      if (d < 0 || this.n[d] === 0) continue;
      if (this.stuck[d]! / this.n[d]! >= 0.5 !== side) return true;
    }
    return false;
  }
}

/**
 * Where the 50 % contour crosses each column of a map (x index → fractional y index), found along y
 * from low to high: the first pair of neighbouring cells whose shares lie on either side of 50 %,
 * interpolated linearly between their centres; a cell at exactly 50 % is the crossing. Null when
 * the column never crosses (all on one side) or has a cell without seeds.
 */
export function contourCrossings(shares: ArrayLike<number>, nx: number, ny: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let xi = 0; xi < nx; xi++) {
    let at: number | null = null;
    for (let yi = 0; yi < ny && at === null; yi++) {
      const a = shares[xi * ny + yi]!;
      if (Number.isNaN(a)) break;
      if (a === 0.5) at = yi;
      else if (yi + 1 < ny) {
        const b = shares[xi * ny + yi + 1]!;
        if (!Number.isNaN(b) && (a - 0.5) * (b - 0.5) < 0) at = yi + (0.5 - a) / (b - a);
      }
    }
    out.push(at);
  }
  return out;
}
