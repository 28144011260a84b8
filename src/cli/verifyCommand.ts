import { AssertionMonitor, arraysSource, parseScenario, runScenario, ScenarioError, setPath, violationSpans, type Scenario, type ViolationSpan } from '../sim/index';
import type { Command, Io } from './command';
import { EXIT, type ExitCode } from './exitCodes';
import { loadInput } from './loadInput';
import { parseOverride, parseOverrideValue, type Override } from './overrides';
import { workNotice } from './runCommand';
import { UsageError } from './usageError';

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];
/** Most seeds one verify runs. */
export const MAX_SEEDS = 1000;
/** Stretches of violation listed per assertion and seed in the JSON (the count says how many there were). */
const MAX_SPANS = 20;

/** One seed's failures of one assertion. */
interface SeedFailure {
  seed: number;
  /** Bins in which it failed. */
  bins: number;
  /** Its stretches of consecutive failing bins, the first MAX_SPANS of them. */
  spans: { from: number; to: number; bins: number; time: number; comparison: string; value: number; bound: number }[];
  stretches: number;
}

interface AssertionReport {
  index: number;
  check: string;
  scope: string;
  held: boolean;
  failures: SeedFailure[];
}

function seedFailures(spans: ViolationSpan[], seed: number): SeedFailure | null {
  if (spans.length === 0) return null;
  return {
    seed,
    bins: spans.reduce((n, s) => n + s.bins, 0),
    spans: spans.slice(0, MAX_SPANS).map((s) => ({ from: s.from, to: s.to, bins: s.bins, time: s.first.time, comparison: s.first.comparison, value: s.first.value, bound: s.first.bound })),
    stretches: spans.length,
  };
}

/** A number for a person: 4 significant digits, or as many more as it takes to differ from `other`. */
function show(x: number, other: number): string {
  for (let digits = 4; digits < 17; digits++) {
    const text = String(Number(x.toPrecision(digits)));
    if (x === other || text !== String(Number(other.toPrecision(digits)))) return text;
  }
  return String(x);
}

function textReport(source: string, seeds: number[], reports: AssertionReport[]): string {
  const lines: string[] = [];
  const seedText = seeds.length === 1 ? `seed ${seeds[0]}` : `seeds ${seeds[0]} to ${seeds[seeds.length - 1]}`;
  for (const r of reports) {
    const head = `[${r.index}] ${r.check} (${r.scope})`;
    if (r.held) {
      lines.push(`ok    ${head}: held on ${seedText}`);
      continue;
    }
    lines.push(`FAIL  ${head}: failed on ${r.failures.length} of ${seeds.length} seeds`);
    for (const f of r.failures) {
      const first = f.spans[0]!;
      lines.push(
        `      seed ${f.seed}: at t = ${show(first.time, NaN)} s ${first.comparison} was false: ${show(first.value, first.bound)} against ${show(first.bound, first.value)}; ` +
          `failed in ${f.bins} bins, ${f.stretches} stretch${f.stretches === 1 ? '' : 'es'}, the first from ${show(first.from, NaN)} s to ${show(first.to, NaN)} s`,
      );
    }
  }
  const failed = reports.filter((r) => !r.held).length;
  lines.push(
    failed === 0
      ? `verify ${source}: ${reports.length === 1 ? 'the assertion' : `all ${reports.length} assertions`} held on ${seedText}`
      : `verify ${source}: ${failed} of ${reports.length} assertion${reports.length === 1 ? '' : 's'} failed`,
  );
  return `${lines.join('\n')}\n`;
}

/** The scenario under each seed, its assertions checked over every bin of the run. */
function verify(base: Scenario, seeds: number[], io: Io): AssertionReport[] {
  const reports: AssertionReport[] = base.assertions.map((a, index) => ({ index, check: a.check, scope: a.scope, held: true, failures: [] }));
  for (const seed of seeds) {
    const scenario = { ...base, seed };
    const result = runScenario(scenario);
    if (result.summary.stopped !== null) io.err(`warning: seed ${seed}: the run stopped early (${result.summary.stopped}); its bins up to then were checked\n`);
    const monitor = new AssertionMonitor(scenario);
    const violations = monitor.advance(arraysSource(result.series, result.series.shardUtilisation), result.series.t.length);
    const spans = violationSpans(violations, scenario.bin);
    for (const report of reports) {
      const failure = seedFailures(spans.filter((s) => s.assertion === report.index), seed);
      if (failure === null) continue;
      report.held = false;
      report.failures.push(failure);
    }
  }
  return reports;
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'run a scenario on one or more seeds and check its assertions',
  synopsis: 'verify <scenario.json | preset-id> [--seeds N] [--seed N] [--set path=value ...] [--format text|json] [--quiet]',
  help: [
    'Runs the scenario and checks its "assertions" (docs/scenario.md, "Assertions") at every bin.',
    'Exits 0 when every assertion held on every seed, 4 when one failed, naming on stdout the',
    'assertion, the seed, the time (start of the first failing bin, seconds) and the values compared.',
    '',
    'Options:',
    `  --seeds N           run seeds s, s+1, …, s+N-1 where s is the scenario's seed (default 1, at most ${MAX_SEEDS})`,
    '  --seed N            the same as --set seed=N',
    '  --set path=value    change a field before validation; repeatable. Assertions too:',
    `                      --set assertions='[{"check":"amplification <= 1.5"}]'`,
    '  --format text|json  text (default): one line per assertion, one per failing seed.',
    '                      json: {"ok","seeds","assertions":[{"index","check","scope","held","failures"}]}',
    '  --quiet             no note on stderr about a heavy run\'s cost',
  ].join('\n'),
  flags: [
    { name: 'seeds', takesValue: true },
    { name: 'seed', takesValue: true },
    { name: 'set', takesValue: true },
    { name: 'format', takesValue: true },
    { name: 'quiet', takesValue: false },
  ],
  run(args, io): ExitCode {
    if (args.positionals.length !== 1) throw new UsageError('verify needs exactly one scenario file or preset id', 'verify');
    let format: Format = 'text';
    let count = 1;
    let quiet = false;
    const overrides: Override[] = [];
    for (const flag of args.flags) {
      const value = flag.value ?? '';
      if (flag.name === 'format') {
        const chosen = FORMATS.find((f) => f === value);
        if (chosen === undefined) throw new UsageError(`--format must be text or json, got ${JSON.stringify(value)}`, 'verify');
        format = chosen;
      } else if (flag.name === 'seeds') {
        count = Number(value);
        if (!/^\d+$/.test(value) || count < 1 || count > MAX_SEEDS) throw new UsageError(`--seeds must be an integer from 1 to ${MAX_SEEDS}, got ${JSON.stringify(value)}`, 'verify');
      } else if (flag.name === 'seed') overrides.push({ path: 'seed', value: parseOverrideValue(value) });
      else if (flag.name === 'set') overrides.push(parseOverride(value));
      else if (flag.name === 'quiet') quiet = true;
    }

    const input = loadInput(args.positionals[0] ?? '');
    const source = overrides.length > 0 ? `${input.source} with --set/--seed` : input.source;
    let scenario: Scenario;
    const seeds: number[] = [];
    try {
      let raw = input.raw;
      for (const o of overrides) raw = setPath(raw, o.path, o.value);
      scenario = parseScenario(raw).scenario;
      // Every seed must be a valid seed: the last one is checked like any field.
      for (let i = 0; i < count; i++) seeds.push(scenario.seed + i);
      if (count > 1) parseScenario(setPath(raw, 'seed', seeds[seeds.length - 1]));
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      io.err(`error: invalid scenario (${source}):\n${e.message.split('\n').map((l) => `  ${l}`).join('\n')}\n`);
      return EXIT.invalidScenario;
    }
    if (scenario.assertions.length === 0) {
      throw new UsageError(`${source} has no assertions to verify: add "assertions" to it (docs/scenario.md, "Assertions") or give them with --set assertions='[...]'`, 'verify');
    }
    const notice = quiet ? null : workNotice(scenario);
    if (notice !== null) io.err(notice);

    const reports = verify(scenario, seeds, io);
    const ok = reports.every((r) => r.held);
    if (format === 'json') io.out(`${JSON.stringify({ ok, seeds, assertions: reports })}\n`);
    else io.out(textReport(input.source, seeds, reports));
    return ok ? EXIT.ok : EXIT.assertionFailed;
  },
};
