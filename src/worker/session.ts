/** A live simulation session on the worker side: start, advance in whole bins, change, inject; frames as one flat typed array. */
import {
  applySet,
  createSimulation,
  GraphSimulation,
  parseScenario,
  serviceSeriesJson,
  SERIES_NAMES,
  type RunResult,
  type Simulation,
  type Scenario,
  type Summary,
  type TriggerNow,
} from '../sim/index';
import type { ServiceArrays } from '../sim/format';
import { sha256Hex } from '../links/index';

/** A trigger to start now, as the page builds it: kind plus its fields (validated by the engine). */
export interface TriggerSpec {
  kind: string;
  duration?: number;
  factor?: number;
  slots?: number;
  rate?: number;
  /** In a graph of services: the service it hits (the entry when omitted) and one replica (all when omitted). */
  service?: string;
  replica?: number;
}

/** Live state for the invariants panel: conservation arrivals = succeeded + failed + inFlight. */
export interface LiveState {
  queue: number;
  inService: number;
  slots: number;
  arrivals: number;
  succeeded: number;
  failed: number;
  inFlight: number;
}

/** What the UI learns when a session starts or its parameters change. */
export interface SessionInfo {
  /** The replayable scenario: base plus every live action and trigger so far. */
  recorded: Scenario;
  /** The parameters in force now (the recorded actions up to now applied). */
  effective: Scenario;
  binS: number;
  durationS: number;
  totalBins: number;
  /** The order of the series in every frame's `data`. */
  seriesNames: string[];
}

/** The new bins since the last frame, and the state at `nowS`. */
export interface Frame {
  /** Index of the first bin in `data`; earlier bins were sent before (or the session was restarted). */
  fromBin: number;
  bins: number;
  /** `SERIES_NAMES.length × bins` values, series after series in SERIES_NAMES order; NaN = no sample. */
  data: Float64Array;
  nowS: number;
  done: boolean;
  stopped: string | null;
  summary: Summary;
  live: LiveState;
  /** Set when an action recorded in the scenario fired since the last frame. */
  effective: Scenario | null;
  /**
   * With several backends (fan-out) or shards (partitions): each one's utilisation in the new bins,
   * bin-major (`stations` values per bin, NaN when unbounded); null with one server.
   */
  shards: ShardFrame | null;
  /** In a graph of services: each service's series in the new bins (layout in ServiceArrays); null with one server. */
  services: ServiceArrays | null;
  /**
   * With priority classes (`load.priorities`): each class's offered, goodput, failed and rejected (per second) in the
   * new bins, bin-major, as per-station values are (`stations` = classes × 4 values a bin); null without classes.
   */
  classes: ShardFrame | null;
  /** Once the run is done: SHA-256 of JSON.stringify(series) as the CLI prints them (set by the worker adapter). */
  fingerprint: string | null;
  /** The same hash over only the series the frames carry (SERIES_NAMES): what the page can check it received. */
  framesFingerprint: string | null;
}

function classFrame(arrays: { width: number; data: Float64Array } | null): ShardFrame | null {
  return arrays === null ? null : { stations: arrays.width, utilisation: arrays.data };
}

/** Per-station utilisation of a frame's bins: `utilisation[bin * stations + k]`. */
export interface ShardFrame {
  stations: number;
  utilisation: Float64Array;
}

/**
 * How far one step goes: toward a simulated time (rounded down to a whole bin), or as many bins as fit in a
 * wall-clock budget. Either way a step answers within MAX_STEP_MS, even inside one long bin: the frame's
 * `nowS` says how far it got, and the next step goes on from there.
 */
export type StepRequest = { toS: number } | { budgetMs: number };

export const SERIES_COUNT = SERIES_NAMES.length;

/** Events the engine runs between two looks at the clock: a few milliseconds of work. */
export const EVENTS_PER_PIECE = 20_000;
/** Longest a step works before it answers, whatever it was asked: far inside the page's watchdog. */
export const MAX_STEP_MS = 250;

export class SimSession {
  private sim: Simulation | GraphSimulation | null = null;
  private sentBins = 0;
  private firedActions = 0;
  constructor(private readonly clockMs: () => number) {}

  /** Validate and start `input` (throws ScenarioError) at t = 0; steps replay it to a later time. */
  start(input: unknown): SessionInfo {
    const { scenario } = parseScenario(input);
    if (scenario.model !== 'queue') {
      throw new Error('The write-conflict model runs on the command line only; the lab simulates the queue model.');
    }
    this.sim = createSimulation(scenario);
    this.sentBins = 0;
    this.firedActions = 0;
    return this.info();
  }

  /** Advance and return the bins closed since the last frame. */
  step(request: StepRequest): Frame {
    const sim = this.need();
    const binS = sim.scenario().bin;
    const t0 = this.clockMs();
    const limitMs = 'toS' in request ? MAX_STEP_MS : Math.min(request.budgetMs, MAX_STEP_MS);
    if ('toS' in request) {
      const target = this.wholeBin(request.toS);
      while (!sim.advanceWithin(target, EVENTS_PER_PIECE) && this.clockMs() - t0 < limitMs) {
        // One more piece of the same step.
      }
    } else {
      do {
        sim.advanceWithin(this.wholeBin(sim.now + binS), EVENTS_PER_PIECE);
      } while (!sim.done && this.clockMs() - t0 < limitMs);
    }
    return this.frame();
  }

  /** Change parameters now (validated; recorded as an action). */
  set(patch: Record<string, unknown>): SessionInfo {
    this.need().set(patch);
    return this.info();
  }

  /** Start a trigger now (validated; recorded as a trigger). */
  inject(trigger: TriggerSpec): SessionInfo {
    // The engine validates the trigger like a scenario's (kind, ranges) and throws a ScenarioError naming the field.
    this.need().inject(trigger as TriggerNow);
    return this.info();
  }

  private frame(): Frame {
    const sim = this.need();
    const from = Math.min(this.sentBins, sim.binsClosed);
    const arrays = sim.seriesArrays(from);
    const bins = sim.binsClosed - from;
    const data = new Float64Array(SERIES_COUNT * bins);
    SERIES_NAMES.forEach((name, i) => data.set(arrays[name], i * bins));
    this.sentBins = sim.binsClosed;
    const fired = this.actionsUpToNow(sim.scenario(), sim.now).length;
    const effective = fired !== this.firedActions ? this.effective() : null;
    this.firedActions = fired;
    return {
      fromBin: from,
      bins,
      data,
      nowS: sim.now,
      done: sim.done,
      stopped: sim.stopped,
      summary: sim.summary(),
      live: sim.state(),
      effective,
      shards: sim.shardArrays(from),
      services: sim instanceof GraphSimulation ? sim.serviceArrays(from) : null,
      classes: sim instanceof GraphSimulation ? null : classFrame(sim.classArrays(from)),
      fingerprint: null,
      framesFingerprint: null,
    };
  }

  /** The run so far as the CLI's JSON holds it: the recorded scenario, the summary and every series (for exports). */
  result(): RunResult {
    const sim = this.need();
    const result: RunResult = { scenario: sim.scenario(), summary: sim.summary(), series: sim.series() };
    if (sim instanceof GraphSimulation) {
      result.serviceSummary = sim.serviceSummary();
      result.services = serviceSeriesJson(sim.serviceArrays());
    }
    return result;
  }

  /** The series of the closed bins as the CLI prints them (JSON arrays, null for no sample). */
  series(): ReturnType<Simulation['series']> {
    return this.need().series();
  }

  /** Fill in the finished run's fingerprints (the CLI's JSON of the series, and the part the frames carry). */
  fingerprint(frame: Frame): void {
    const full = this.series();
    const carried: Record<string, unknown> = {};
    for (const name of SERIES_NAMES) carried[name] = full[name];
    frame.fingerprint = sha256Hex(JSON.stringify(full));
    frame.framesFingerprint = sha256Hex(JSON.stringify(carried));
  }

  private info(): SessionInfo {
    const sim = this.need();
    const recorded = sim.scenario();
    return {
      recorded,
      effective: this.effective(),
      binS: recorded.bin,
      durationS: recorded.duration,
      totalBins: Math.max(1, Math.ceil(recorded.duration / recorded.bin - 1e-9)),
      seriesNames: [...SERIES_NAMES],
    };
  }

  private effective(): Scenario {
    const sim = this.need();
    const recorded = sim.scenario();
    let eff: Scenario = { ...recorded, actions: [] };
    for (const action of this.actionsUpToNow(recorded, sim.now)) eff = applySet(eff, action.set);
    return { ...eff, actions: recorded.actions };
  }

  private actionsUpToNow(scenario: Scenario, nowS: number): Scenario['actions'] {
    // Stable sort by time keeps array order among actions at one instant, as the engine fires them.
    return scenario.actions.filter((a) => a.at <= nowS).sort((a, b) => a.at - b.at);
  }

  /** Round a time down to a whole bin, so slices end on bin boundaries. */
  private wholeBin(toS: number): number {
    const scenario = this.need().scenario();
    const k = Math.floor(toS / scenario.bin + 1e-9);
    return Math.min(scenario.duration, k * scenario.bin);
  }

  private need(): Simulation | GraphSimulation {
    if (this.sim === null) throw new Error('No simulation is running: start one first.');
    return this.sim;
  }
}
