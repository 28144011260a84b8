import { availableParallelism } from 'node:os';
import { ENSEMBLE_CSV_COLUMNS, ensembleCsvCells, SERIES_NAMES, ScenarioError, estimateAttempts, parseScenario, runScenario, setPath, type Scenario } from '../sim/index';
import type { Command, Io } from './command';
import { seriesToCsv } from './csv';
import { runEnsemble, parseSeeds } from './ensembles';
import { EXIT, type ExitCode } from './exitCodes';
import { loadInput } from './loadInput';
import { parseOverride, parseOverrideValue, type Override } from './overrides';
import { UsageError } from './usageError';

const FORMATS = ['json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

function invalid(io: Io, source: string, error: ScenarioError): ExitCode {
  const lines = error.message.split('\n').map((line) => `  ${line}`);
  io.err(`error: invalid scenario (${source}):\n${lines.join('\n')}\n`);
  return EXIT.invalidScenario;
}

/** Attempts from which a run takes more than a few seconds (the engine makes a few million a second). */
export const HEAVY_RUN_ATTEMPTS = 1e7;

/** What a heavy run will cost, for stderr: the work guard's estimate and the fields that make it up. */
export function workNotice(scenario: Scenario): string | null {
  if (scenario.model !== 'queue') return null;
  const estimate = estimateAttempts(scenario);
  if (estimate.attempts < HEAVY_RUN_ATTEMPTS) return null;
  const millions = estimate.attempts / 1e6;
  return (
    `note: this run makes up to ${millions < 100 ? millions.toFixed(1) : Math.round(millions)} million attempts ` +
    `(${estimate.formula}); at a few million a second it takes a while. --quiet hides this note.\n`
  );
}

export const runCommand: Command = {
  name: 'run',
  summary: 'run a scenario file or a preset and print the result',
  synopsis: 'run <scenario.json | preset-id> [--seed N] [--set path=value ...] [--seeds N [--jobs N]] [--format json|csv] [--quiet]',
  help: [
    'Runs a scenario (a JSON file in format v1, see docs/scenario.md, or a preset id from `list`)',
    'and prints only the result on stdout.',
    '',
    'Options:',
    '  --seed N            the same as --set seed=N',
    '  --set path=value    change a field before validation; repeatable, applied left to right.',
    '                      The path is dotted (client.retry.maxRetries); numbers address array',
    '                      items (triggers.0.at). The value is parsed as JSON, else taken as text.',
    '  --format json|csv   json (default): {"scenario","summary","series"} on one line, where',
    '                      "scenario" is the normalised scenario: running it again gives the same',
    '                      output byte for byte. csv: the series, a header row, one row per bin.',
    '                      A scenario with a graph of services (docs/scenario.md, "graph") adds to',
    '                      the json "serviceSummary" and "services": each service\'s figures after',
    '                      the warm-up and per bin.',
    '  --seeds N           run an ensemble instead: seeds 0 … N − 1 (1 to 1000) derived from the',
    '                      scenario\'s seed (seed 0 is the seed itself; docs/scenario.md, "Ensembles"),',
    '                      on worker threads. json: {"baseSeed","n","shares","recoveryTime","runs"}:',
    '                      the share of seeds per verdict with its Wilson 95 % interval (k, share,',
    '                      low, high), the recovery-time quantiles of the recovered seeds (n, min,',
    '                      p10, p50, p90, max; null when none recovered) and each seed\'s verdict.',
    '                      csv: a header row and one row of the same figures.',
    '  --jobs N            worker threads for --seeds (default: the number of logical cores)',
    '  --quiet             no note on stderr about a heavy run\'s cost',
    '  -h, --help          show this help',
  ].join('\n'),
  flags: [
    { name: 'quiet', takesValue: false },
    { name: 'seed', takesValue: true },
    { name: 'set', takesValue: true },
    { name: 'format', takesValue: true },
    { name: 'seeds', takesValue: true },
    { name: 'jobs', takesValue: true },
    { name: 'help', takesValue: false, short: 'h' },
  ],
  run(args, io) {
    if (args.positionals.length === 0) throw new UsageError('run needs a scenario file or a preset id', 'run');
    if (args.positionals.length > 1) {
      throw new UsageError(`run takes one scenario, got also ${JSON.stringify(args.positionals[1])}`, 'run');
    }
    let format: Format = 'json';
    let quiet = false;
    let seeds: number | null = null;
    let jobs: number | null = null;
    const overrides: Override[] = [];
    for (const flag of args.flags) {
      const value = flag.value ?? '';
      if (flag.name === 'format') {
        const chosen = FORMATS.find((f) => f === value);
        if (chosen === undefined) throw new UsageError(`--format must be json or csv, got ${JSON.stringify(value)}`, 'run');
        format = chosen;
      } else if (flag.name === 'seed') {
        overrides.push({ path: 'seed', value: parseOverrideValue(value) });
      } else if (flag.name === 'set') {
        overrides.push(parseOverride(value));
      } else if (flag.name === 'seeds') {
        seeds = parseSeeds(value, 'run');
      } else if (flag.name === 'jobs') {
        jobs = Number(value);
        if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs must be an integer from 1 to 256, got ${JSON.stringify(value)}`, 'run');
      } else if (flag.name === 'quiet') {
        quiet = true;
      }
    }

    const input = loadInput(args.positionals[0] ?? '');
    const source = overrides.length > 0 ? `${input.source} with --set/--seed` : input.source;
    if (jobs !== null && seeds === null) throw new UsageError('--jobs goes with --seeds (an ensemble runs on worker threads; one run does not)', 'run');
    let scenario;
    let raw = input.raw;
    try {
      for (const o of overrides) raw = setPath(raw, o.path, o.value);
      scenario = parseScenario(raw).scenario;
    } catch (e) {
      if (e instanceof ScenarioError) return invalid(io, source, e);
      throw e;
    }

    const notice = quiet ? null : workNotice(scenario);
    if (notice !== null) io.err(notice);
    // One run answers at once (in-process callers rely on it); an ensemble runs on worker threads.
    if (seeds !== null) {
      return runEnsemble(raw, scenario.seed, seeds, jobs ?? availableParallelism()).then((report) => {
        if (format === 'csv') io.out(`${ENSEMBLE_CSV_COLUMNS.join(',')}\n${ensembleCsvCells(report).join(',')}\n`);
        else io.out(`${JSON.stringify(report)}\n`);
        return EXIT.ok;
      });
    }
    const result = runScenario(scenario);
    if (result.summary.stopped !== null) io.err(`warning: the run stopped early: ${result.summary.stopped}\n`);
    if (format === 'csv') io.out(seriesToCsv(SERIES_NAMES, result.series));
    else io.out(`${JSON.stringify({ scenario: result.scenario, summary: result.summary, series: result.series, ...(result.services === undefined ? {} : { serviceSummary: result.serviceSummary, services: result.services }) })}\n`);
    return EXIT.ok;
  },
};
