/** The verdict banner's words, from the triggers, the bad-bin series and the summary: how long the bad state has outlived its trigger. */
import type { Action, Summary, Trigger } from '../sim/format';

export type BannerTone = 'good' | 'bad' | 'warn' | 'neutral';
export type BannerKind = 'starting' | 'ready' | 'healthy' | 'overloaded' | 'trigger' | 'ended' | 'stuck' | 'recovering' | 'recovered' | 'absorbed' | 'unresolved';

/** How long after a trigger with no bad bin before the banner says it was absorbed (the verdict's window is 5 s or more). */
const SETTLE_S = 10;

export interface Banner {
  kind: BannerKind;
  tone: BannerTone;
  text: string;
  /** Seconds the bad state has persisted since the trigger ended (`stuck`), or the recovery time. */
  seconds: number | null;
}

export interface BannerInput {
  triggers: readonly Trigger[];
  actions: readonly Action[];
  /** The `bad` series: 1 bad, 0 good, NaN not judged; bins [0, bins). */
  bad: ArrayLike<number>;
  bins: number;
  binS: number;
  nowS: number;
  summary: Summary | null;
  /** Whether the run is playing; a run at t = 0 that is not playing waits for Play rather than starting. */
  playing?: boolean;
  /** The run has ended: its summary's verdict is final (while it runs, the summary judges it so far). */
  done?: boolean;
  /** The preset's assumptions the run has broken (README, "Assumptions"), in words; the banner names them. */
  broken?: readonly string[];
}

const TRIGGER_LABEL: Partial<Record<string, string>> = {
  spike: 'spike',
  outage: 'outage',
  capacity: 'capacity loss',
  'cache-flush': 'cache flush',
  errors: 'error burst',
};

function triggerEnd(trigger: Trigger): number {
  return 'duration' in trigger ? trigger.at + trigger.duration : trigger.at;
}

/** "12 s", "1 min 5 s". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
}

function formatValue(value: unknown): string {
  if (value === null) return 'off';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'on' : JSON.stringify(value);
}

const DESCRIBE: Record<string, (value: unknown) => string> = {
  'client.retry.maxRetries': (v) => (v === 0 ? 'retries were turned off' : `max retries were set to ${formatValue(v)}`),
  'client.retry.budget': (v) => (v === null ? 'the retry budget was turned off' : 'a retry budget was turned on'),
  'client.retry.backoff': (v) => `backoff was set to ${formatValue(v)}`,
  'client.retry.jitter': (v) => `jitter was set to ${formatValue(v)}`,
  'client.timeout': (v) => `the timeout was set to ${formatValue(v)} s`,
  'client.breaker': (v) => (v === null ? 'the circuit breaker was turned off' : 'a circuit breaker was turned on'),
  'client.throttle': (v) => (v === null ? 'client throttling was turned off' : 'client throttling was turned on'),
  'client.admission': (v) => (v === null ? 'admission control was turned off' : 'admission control was turned on'),
  'client.rateLimit': (v) => (v === null ? 'the rate limit was turned off' : 'a rate limit was turned on'),
  'client.bulkhead': (v) => (v === null ? 'the bulkhead was turned off' : 'a bulkhead was turned on'),
  'client.limiter': (v) => (v === null ? 'the client limiter was turned off' : 'a client concurrency limiter was turned on'),
  'server.queue.priority': (v) => (v === true ? 'the queue was set to serve the highest priority first' : 'the queue was set to serve every priority alike'),
  'load.rate': (v) => `the load was set to ${formatValue(v)} req/s`,
  'server.concurrency': (v) => `concurrency was set to ${formatValue(v)}`,
  'server.queue.discipline': (v) => `the queue was switched to ${String(v).toUpperCase()}`,
  'server.queue.limit': (v) => (v === null ? 'the queue limit was removed' : `the queue was bounded at ${formatValue(v)}`),
  'server.queue.codel': (v) => (v === null ? 'CoDel was turned off' : 'CoDel was turned on'),
  'server.dropExpired': (v) => (v === true ? 'expired requests were dropped' : 'dropping expired requests was turned off'),
  'server.cancelOnTimeout': (v) => (v === true ? 'cancellation on timeout was turned on' : 'cancellation on timeout was turned off'),
  'server.autoscale': (v) => (v === null ? 'autoscaling was turned off' : 'autoscaling was turned on'),
  cache: (v) => (v === null ? 'the cache was turned off' : 'the cache was turned on'),
};

/** An operator action in words: "retries were turned off". */
export function describeAction(set: Record<string, unknown>): string {
  const parts = Object.entries(set).map(([path, value]) => DESCRIBE[path]?.(value) ?? `${path} was set to ${formatValue(value)}`);
  return parts.join(' and ');
}

/** The verdict needs the last 60 s after the last trigger: all bad is metastable, none bad is recovered. */
const TAIL_S = 60;

/** Why a finished run is neither stuck nor recovered, in the verdict's own terms. */
function unresolvedBanner(input: BannerInput, triggerEndS: number, label: string): Banner {
  const { bad, bins, binS } = input;
  const runEndS = bins * binS;
  const since = runEndS - triggerEndS;
  if (since < TAIL_S) {
    return {
      kind: 'unresolved',
      tone: 'warn',
      text: `Unresolved: the run ended ${formatDuration(since)} after the ${label} ended, too soon to tell a lasting bad state from a slow recovery (the verdict needs ${TAIL_S} s after the last trigger). Run it longer to know.`,
      seconds: since,
    };
  }
  let badS = 0;
  for (let i = Math.max(0, Math.ceil((runEndS - TAIL_S) / binS - 1e-9)); i < bins; i++) if (bad[i] === 1) badS += binS;
  return {
    kind: 'unresolved',
    tone: 'warn',
    text: `Unresolved: bad for ${formatDuration(badS)} of the last ${TAIL_S} s, on and off, so neither stuck (metastable: bad throughout the last ${TAIL_S} s) nor recovered (no bad bin in them). Run it longer to know.`,
    seconds: badS,
  };
}

/** The banner for the run so far, naming the assumptions the run has broken. */
export function bannerFor(input: BannerInput): Banner {
  const banner = runBanner(input);
  const broken = input.broken ?? [];
  if (broken.length === 0 || banner.kind === 'starting' || banner.kind === 'ready') return banner;
  const named = broken.map((b) => `“${b}”`).join(' and ');
  return { ...banner, text: `${banner.text} Assumption broken: ${named}.` };
}

function runBanner(input: BannerInput): Banner {
  const { bad, bins, binS, nowS, summary } = input;
  if (bins === 0) {
    return input.playing === false
      ? { kind: 'ready', tone: 'neutral', text: 'Ready at t = 0 s: press Play (or Step) to run.', seconds: null }
      : { kind: 'starting', tone: 'neutral', text: 'Starting the run…', seconds: null };
  }
  const started = input.triggers.filter((t) => t.at < nowS);
  const badBetween = (fromBin: number, toBin: number): number => {
    let last = -1;
    for (let i = Math.max(0, fromBin); i < Math.min(bins, toBin); i++) if (bad[i] === 1) last = i;
    return last;
  };

  if (started.length === 0) {
    return badBetween(0, bins) >= 0
      ? { kind: 'overloaded', tone: 'bad', text: 'Overloaded: goodput falls short of the offered load with no trigger at all.', seconds: null }
      : { kind: 'healthy', tone: 'good', text: 'Healthy: goodput keeps up with the offered load.', seconds: null };
  }

  const last = started.reduce((a, b) => (triggerEnd(b) >= triggerEnd(a) ? b : a));
  const endS = triggerEnd(last);
  const label = TRIGGER_LABEL[last.kind] ?? last.kind;
  if (endS > nowS) {
    const left = endS - nowS;
    return { kind: 'trigger', tone: 'warn', text: `The ${label} is on: ${formatDuration(left)} left.`, seconds: left };
  }

  if (input.done === true && summary?.verdict === 'unresolved') return unresolvedBanner(input, endS, label);

  const firstAt = Math.min(...started.map((t) => t.at));
  const lastBad = badBetween(Math.floor(firstAt / binS + 1e-9), bins);
  if (lastBad < 0 && nowS - endS < SETTLE_S) {
    return { kind: 'ended', tone: 'warn', text: `The ${label} ended ${formatDuration(nowS - endS)} ago.`, seconds: nowS - endS };
  }
  if (lastBad < 0) {
    return { kind: 'absorbed', tone: 'good', text: `The system absorbed the ${label}: no bad state.`, seconds: null };
  }
  if (lastBad === bins - 1) {
    const stuck = Math.max(0, bins * binS - endS);
    return {
      kind: 'stuck',
      tone: 'bad',
      text: `Stuck for ${formatDuration(stuck)} after the ${label} ended: its own work keeps it in the bad state.`,
      seconds: stuck,
    };
  }

  const lastBadEndS = (lastBad + 1) * binS;
  const recovery = Math.max(0, lastBadEndS - endS);
  const rescue =
    summary?.verdict === 'recovered'
      ? summary.rescue
      : ([...input.actions].reverse().find((a) => a.at >= firstAt && a.at <= lastBadEndS) ?? null);
  const after = rescue === null ? '' : `, rescued when ${describeAction(rescue.set)} (t = ${Math.round(rescue.at)} s)`;
  if (summary?.verdict === 'recovered') {
    const time = summary.recoveryTime ?? recovery;
    return { kind: 'recovered', tone: 'good', text: `Recovered ${formatDuration(time)} after the ${label} ended${after}.`, seconds: time };
  }
  return {
    kind: 'recovering',
    tone: 'warn',
    text: `Goodput back ${formatDuration(recovery)} after the ${label} ended${after}; recovered once it holds for 60 s.`,
    seconds: recovery,
  };
}
