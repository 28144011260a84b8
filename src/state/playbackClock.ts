/**
 * The playback loop shared by the lab and the compare view: on each animation frame it turns the wall time since the
 * last frame into whole bins of simulated time at the chosen speed and asks its owner to advance by them. One advance
 * is in flight at a time; frames that arrive meanwhile only carry their time forward.
 */

/** Schedules the next frame; returns a cancel function. Defaults to requestAnimationFrame. */
export type FrameScheduler = (tick: (timeMs: number) => void) => () => void;

/** The default frame scheduler: requestAnimationFrame, or a 16-ms timer where there is none. */
export function rafScheduler(tick: (timeMs: number) => void): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(() => tick(performance.now()), 16);
  return () => clearTimeout(id);
}

/** How far to advance: whole bins at a finite speed, or as far as a wall-clock budget allows (unthrottled). */
export type Advance = { bins: number } | { unthrottled: true };

export interface PlaybackClockOptions {
  scheduler?: FrameScheduler;
  /** Whether playback should go on (playing, not done, a run loaded). Checked on every frame. */
  running: () => boolean;
  /** Simulated seconds per real second; `Infinity` = unthrottled. */
  speed: () => number;
  /** Width of one bin in simulated seconds. */
  binS: () => number;
  /** Whether the owner has work for the next frame even when no whole bin has accrued (a pending change). */
  wantsFrame?: () => boolean;
  /** Advance the run; the clock waits for it to settle before asking again. */
  advance: (advance: Advance) => Promise<unknown>;
}

export interface PlaybackClock {
  /** Start (or keep) asking for frames; the first frame counts one display frame of time. */
  start(): void;
  /** Stop asking for frames. An advance in flight still settles. */
  stop(): void;
  /** Forget the time carried over (a new run, a new speed): no time accrued before this call is ever spent. */
  resetCarry(): void;
}

/** The longest wall-clock gap one frame may account for: a background tab does not leap ahead when it returns. */
const MAX_FRAME_GAP_S = 0.25;

export function createPlaybackClock(options: PlaybackClockOptions): PlaybackClock {
  const scheduler = options.scheduler ?? rafScheduler;
  let cancel: (() => void) | null = null;
  let lastMs: number | null = null;
  let carryS = 0;
  let inFlight = false;

  function schedule(): void {
    if (cancel !== null || !options.running()) return;
    cancel = scheduler(tick);
  }

  function tick(timeMs: number): void {
    cancel = null;
    if (!options.running()) {
      lastMs = null;
      return;
    }
    if (inFlight) {
      schedule();
      return;
    }
    let advance: Advance;
    const speed = options.speed();
    if (speed === Infinity) {
      advance = { unthrottled: true };
    } else {
      const dtS = lastMs === null ? 1 / 60 : Math.min(MAX_FRAME_GAP_S, Math.max(0, (timeMs - lastMs) / 1000));
      lastMs = timeMs;
      carryS += dtS * speed;
      const binS = options.binS();
      const bins = Math.floor(carryS / binS + 1e-9);
      if (bins === 0 && options.wantsFrame?.() !== true) {
        schedule();
        return;
      }
      carryS -= bins * binS;
      advance = { bins };
    }
    lastMs = timeMs;
    inFlight = true;
    options
      .advance(advance)
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
        schedule();
      });
  }

  return {
    start() {
      lastMs = null;
      schedule();
    },
    stop() {
      cancel?.();
      cancel = null;
      lastMs = null;
    },
    resetCarry() {
      carryS = 0;
      lastMs = null;
    },
  };
}
