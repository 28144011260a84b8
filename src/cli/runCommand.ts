import { SERIES_NAMES, ScenarioError, estimateAttempts, parseScenario, runScenario, setPath, type Scenario } from '../sim/index';
import type { Command, Io } from './command';
import { seriesToCsv } from './csv';
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
  synopsis: 'run <scenario.json | preset-id> [--seed N] [--set path=value ...] [--format json|csv] [--quiet]',
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
    '  --quiet             no note on stderr about a heavy run\'s cost',
    '  -h, --help          show this help',
  ].join('\n'),
  flags: [
    { name: 'quiet', takesValue: false },
    { name: 'seed', takesValue: true },
    { name: 'set', takesValue: true },
    { name: 'format', takesValue: true },
    { name: 'help', takesValue: false, short: 'h' },
  ],
  run(args, io) {
    if (args.positionals.length === 0) throw new UsageError('run needs a scenario file or a preset id', 'run');
    if (args.positionals.length > 1) {
      throw new UsageError(`run takes one scenario, got also ${JSON.stringify(args.positionals[1])}`, 'run');
    }
    let format: Format = 'json';
    let quiet = false;
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
      } else if (flag.name === 'quiet') {
        quiet = true;
      }
    }

    const input = loadInput(args.positionals[0] ?? '');
    const source = overrides.length > 0 ? `${input.source} with --set/--seed` : input.source;
    let scenario;
    try {
      let raw = input.raw;
      for (const o of overrides) raw = setPath(raw, o.path, o.value);
      scenario = parseScenario(raw).scenario;
    } catch (e) {
      if (e instanceof ScenarioError) return invalid(io, source, e);
      throw e;
    }

    const notice = quiet ? null : workNotice(scenario);
    if (notice !== null) io.err(notice);
    const result = runScenario(scenario);
    if (result.summary.stopped !== null) io.err(`warning: the run stopped early: ${result.summary.stopped}\n`);
    if (format === 'csv') io.out(seriesToCsv(SERIES_NAMES, result.series));
    else io.out(`${JSON.stringify({ scenario: result.scenario, summary: result.summary, series: result.series })}\n`);
    return EXIT.ok;
  },
};
