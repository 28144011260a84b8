import { availableParallelism } from 'node:os';
import {
  aggregateTradeoffs,
  frontierOf,
  parseScenario,
  ScenarioError,
  setPath,
  TRADEOFF_MEASURES,
  tradeoffCells,
  tradeoffConfigs,
  type TradeoffRow,
} from '../sim/index';
import type { Command, Io } from './command';
import { EXIT, type ExitCode } from './exitCodes';
import { loadInput } from './loadInput';
import { parseOverride, type Override } from './overrides';
import { runCellsInPool } from './sweepPool';
import { UsageError } from './usageError';

export const MAX_TRADEOFF_SEEDS = 64;
const ROW_FIELDS: readonly (keyof TradeoffRow)[] = ['id', 'label', 'runs', 'recovered', ...TRADEOFF_MEASURES.map((m) => m.key)];

function csvCell(x: string | number | null): string {
  if (x === null) return '';
  const text = String(x);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const tradeoffsCommand: Command = {
  name: 'tradeoffs',
  summary: 'run every applicable cure and pair of cures on the same seeds and print each one’s benefit and costs',
  synopsis: 'tradeoffs <scenario.json | preset-id> [--seeds N] [--no-pairs] [--set path=value ...] [--format json|csv] [--jobs N]',
  help: [
    'Runs the scenario as given (the baseline), with every cure that applies to it and with every',
    'pair of those cures, each on seeds 1 to N, once as given and once under the transient variant',
    '(one outage of 1.5 client timeouts at a quarter of the load), and prints one row per configuration: means over the',
    'seeds of the benefit (goodput share, stuck share, recovery time) and the costs (amplification,',
    'refused or shed, successes lost under the transient failure, p99.9, longest wait, time to',
    'detect), as docs/model.md, "Cost measures", defines them. The tradeoffs view shows the same rows.',
    '',
    'Options:',
    `  --seeds N            seeds 1 to N (default 8, at most ${MAX_TRADEOFF_SEEDS})`,
    '  --no-pairs           the cures alone, without their pairs',
    '  --set path=value     change a field of the scenario first; repeatable',
    '  --format json|csv    json (default): { seeds, rows, frontier }, frontier naming the rows no',
    '                       other beats on goodput share against each cost; csv: one row per configuration',
    '  --jobs N             worker threads, at most the number of logical cores (the default)',
    '',
    'Example:',
    '  npm run -s sim -- tradeoffs retry-storm --seeds 4 --format csv',
  ].join('\n'),
  flags: [
    { name: 'seeds', takesValue: true },
    { name: 'no-pairs', takesValue: false },
    { name: 'set', takesValue: true },
    { name: 'format', takesValue: true },
    { name: 'jobs', takesValue: true },
  ],
  async run(args, io: Io): Promise<ExitCode> {
    if (args.positionals.length !== 1) throw new UsageError('tradeoffs needs exactly one scenario file or preset id', 'tradeoffs');
    let seedCount = 8;
    let pairs = true;
    let format: 'json' | 'csv' = 'json';
    let jobs = availableParallelism();
    const overrides: Override[] = [];
    for (const flag of args.flags) {
      const value = flag.value ?? '';
      if (flag.name === 'seeds') {
        seedCount = Number(value);
        if (!Number.isInteger(seedCount) || seedCount < 1 || seedCount > MAX_TRADEOFF_SEEDS) {
          throw new UsageError(`--seeds must be an integer from 1 to ${MAX_TRADEOFF_SEEDS}, got ${JSON.stringify(value)}`, 'tradeoffs');
        }
      } else if (flag.name === 'no-pairs') pairs = false;
      else if (flag.name === 'set') overrides.push(parseOverride(value));
      else if (flag.name === 'format') {
        if (value !== 'json' && value !== 'csv') throw new UsageError(`--format must be json or csv, got ${JSON.stringify(value)}`, 'tradeoffs');
        format = value;
      } else if (flag.name === 'jobs') {
        jobs = Number(value);
        if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs must be an integer from 1 to 256, got ${JSON.stringify(value)}`, 'tradeoffs');
      }
    }
    jobs = Math.min(jobs, availableParallelism());
    const input = loadInput(args.positionals[0] ?? '');
    const seeds = Array.from({ length: seedCount }, (_, i) => i + 1);
    let plan;
    try {
      let base = input.raw;
      for (const o of overrides) base = setPath(base, o.path, o.value);
      const configs = tradeoffConfigs(base, pairs);
      const cells = tradeoffCells(base, configs, seeds);
      for (const cell of cells) parseScenario(cell.raw);
      plan = { configs, cells };
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      io.err(`error: invalid scenario (${input.source}):\n  ${e.message.split('\n').join('\n  ')}\n`);
      return EXIT.invalidScenario;
    }
    const figures = await runCellsInPool(plan.cells, jobs);
    const rows = aggregateTradeoffs(
      plan.configs,
      plan.cells.map((cell, i) => ({ config: cell.config, transient: cell.transient, costs: figures[i]!.costs })),
    );
    if (format === 'csv') {
      const lines = [ROW_FIELDS.join(',')];
      for (const row of rows) lines.push(ROW_FIELDS.map((f) => csvCell(row[f])).join(','));
      io.out(`${lines.join('\n')}\n`);
    } else {
      const frontier = Object.fromEntries(
        TRADEOFF_MEASURES.filter((m) => m.kind === 'cost').map((m) => [m.key, [...frontierOf(rows, m.key)]]),
      );
      io.out(`${JSON.stringify({ seeds, rows, frontier })}\n`);
    }
    return EXIT.ok;
  },
};
