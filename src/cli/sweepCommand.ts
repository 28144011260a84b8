import { availableParallelism } from 'node:os';
import {
  ADAPTIVE_DEFAULT_SEEDS_PER_CELL,
  ADAPTIVE_DEFAULTS,
  axisValues,
  ENSEMBLE_CSV_COLUMNS,
  ensembleCsvCells,
  MAX_AXIS_STEPS,
  MAX_ENSEMBLE_SEEDS,
  parseScenario,
  ScenarioError,
  setPath,
  sweepCells,
  type EnsembleReport,
  type SweepAxis,
} from '../sim/index';
import type { Command, Io } from './command';
import { parseSeeds, runAdaptiveMap, runFixedMap, type AdaptiveSettings } from './ensembles';
import { EXIT, type ExitCode } from './exitCodes';
import { loadInput } from './loadInput';
import { parseOverride, parseOverrideValue, type Override } from './overrides';
import { runCellsInPool } from './sweepPool';
import { UsageError } from './usageError';

const FORMATS = ['csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** `load.rate=100:280:10` → the path and its values. */
export function parseAxis(flag: 'x' | 'y', text: string): SweepAxis {
  const eq = text.lastIndexOf('=');
  const parts = eq > 0 ? text.slice(eq + 1).split(':') : [];
  const [from, to, steps] = parts.map(Number);
  const shape = `--${flag} needs path=from:to:steps (e.g. --${flag} load.rate=100:280:10), got ${JSON.stringify(text)}`;
  if (eq <= 0 || parts.length !== 3 || from === undefined || to === undefined || steps === undefined) throw new UsageError(shape, 'sweep');
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new UsageError(`${shape}: from and to must be numbers`, 'sweep');
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_AXIS_STEPS) {
    throw new UsageError(`--${flag}: steps must be an integer from 1 to ${MAX_AXIS_STEPS}, got ${parts[2] ?? ''}`, 'sweep');
  }
  return { path: text.slice(0, eq), values: axisValues(from, to, steps) };
}

function csvCell(x: number | string | null): string {
  return x === null ? '' : String(x);
}

function ensembleJson(xPath: string, yPath: string, cells: readonly { x: number; y: number }[], reports: readonly EnsembleReport[]): string {
  return `${JSON.stringify(cells.map((cell, i) => ({ [xPath]: cell.x, [yPath]: cell.y, ...reports[i] })))}\n`;
}

function ensembleCsv(xPath: string, yPath: string, cells: readonly { x: number; y: number }[], reports: readonly EnsembleReport[]): string {
  const lines = [[xPath, yPath, ...ENSEMBLE_CSV_COLUMNS].join(',')];
  cells.forEach((cell, i) => lines.push([String(cell.x), String(cell.y), ...ensembleCsvCells(reports[i]!)].join(',')));
  return `${lines.join('\n')}\n`;
}

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'run a grid over two parameters and print each cell’s verdict',
  synopsis:
    'sweep <scenario.json | preset-id> --x path=from:to:steps --y path=from:to:steps [--set path=value ...] [--seed N] ' +
    '[--seeds N | --adaptive [--budget N] [--target-width W] [--max-seeds N]] [--format csv|json] [--jobs N]',
  help: [
    'Runs the scenario once per cell of a grid over two fields and prints one row per cell: the',
    'two values (columns named by their paths), the verdict and the recovery time. Cells run in',
    'parallel on worker threads, one per logical core. Rows come x-major: every y for the first x,',
    'then the next x.',
    '',
    'Options:',
    '  --x path=from:to:steps   the first axis: `steps` evenly spaced values from `from` to `to`',
    '                           (both included) for the dotted path, as --set takes it',
    '  --y path=from:to:steps   the second axis',
    '  --set path=value         change a field of the base scenario first; repeatable',
    '  --seed N                 the same as --set seed=N',
    '  --format csv|json        csv (default): a header row, then one row per cell; json: an array',
    '                           of { "<x path>": x, "<y path>": y, "verdict", "recoveryTime" }',
    '  --jobs N                 worker threads, at most the number of logical cores (the default)',
    '',
    'Probability maps (docs/scenario.md, "Ensembles"): each cell runs several seeds, derived from its',
    'scenario\'s seed, and prints per cell, instead of one verdict, n (seeds run) and per verdict the',
    'count, the share and its Wilson 95 % interval (k, share, low, high), then the recovery-time',
    'quantiles of the recovered seeds. json: an array of { "<x path>", "<y path>", "baseSeed", "n",',
    '"shares", "recoveryTime", "runs" }, as `run --seeds` prints for one scenario.',
    '  --seeds N                every cell runs seeds 0 … N − 1 (1 to 1000)',
    '  --adaptive               seeds go where they matter: every cell runs 2, then in rounds cells',
    '                           whose seeds disagree, or whose neighbours lie on the other side of',
    '                           50 % stuck, get 2 more, widest interval first, until no such cell',
    '                           has an interval wider than --target-width or the budget is spent',
    `  --budget N               seeds in all, at least 2 per cell (default: ${ADAPTIVE_DEFAULT_SEEDS_PER_CELL} per cell)`,
    `  --target-width W         interval width at which a cell is done, in (0, 1] (default ${ADAPTIVE_DEFAULTS.targetWidth})`,
    `  --max-seeds N            most seeds one cell runs, 2 to 1000 (default ${ADAPTIVE_DEFAULTS.maxSeeds})`,
    '',
    'Example (docs/validation.md, M1: load against outage length):',
    '  npm run -s sim -- sweep retry-storm --x load.rate=100:280:10 --y triggers.0.duration=1:31:7',
  ].join('\n'),
  flags: [
    { name: 'x', takesValue: true },
    { name: 'y', takesValue: true },
    { name: 'set', takesValue: true },
    { name: 'seed', takesValue: true },
    { name: 'format', takesValue: true },
    { name: 'jobs', takesValue: true },
    { name: 'seeds', takesValue: true },
    { name: 'adaptive', takesValue: false },
    { name: 'budget', takesValue: true },
    { name: 'target-width', takesValue: true },
    { name: 'max-seeds', takesValue: true },
  ],
  async run(args, io: Io): Promise<ExitCode> {
    if (args.positionals.length !== 1) throw new UsageError('sweep needs exactly one scenario file or preset id', 'sweep');
    let x: SweepAxis | null = null;
    let y: SweepAxis | null = null;
    let format: Format = 'csv';
    let jobs = availableParallelism();
    const overrides: Override[] = [];
    let seeds: number | null = null;
    let adaptive = false;
    const adaptiveSettings: AdaptiveSettings = { budget: null, targetWidth: ADAPTIVE_DEFAULTS.targetWidth, maxSeeds: ADAPTIVE_DEFAULTS.maxSeeds };
    const adaptiveFlags: string[] = [];
    for (const flag of args.flags) {
      const value = flag.value ?? '';
      if (flag.name === 'x') x = parseAxis('x', value);
      else if (flag.name === 'y') y = parseAxis('y', value);
      else if (flag.name === 'set') overrides.push(parseOverride(value));
      else if (flag.name === 'seed') overrides.push({ path: 'seed', value: parseOverrideValue(value) });
      else if (flag.name === 'format') {
        const chosen = FORMATS.find((f) => f === value);
        if (chosen === undefined) throw new UsageError(`--format must be csv or json, got ${JSON.stringify(value)}`, 'sweep');
        format = chosen;
      } else if (flag.name === 'jobs') {
        jobs = Number(value);
        if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageError(`--jobs must be an integer from 1 to 256, got ${JSON.stringify(value)}`, 'sweep');
      } else if (flag.name === 'seeds') seeds = parseSeeds(value, 'sweep');
      else if (flag.name === 'adaptive') adaptive = true;
      else {
        adaptiveFlags.push(flag.name);
        const n = Number(value);
        if (flag.name === 'budget') {
          if (!Number.isInteger(n) || n < 1) throw new UsageError(`--budget must be a whole number of seeds, got ${JSON.stringify(value)}`, 'sweep');
          adaptiveSettings.budget = n;
        } else if (flag.name === 'target-width') {
          if (!(n > 0 && n <= 1)) throw new UsageError(`--target-width must be a number in (0, 1], got ${JSON.stringify(value)}`, 'sweep');
          adaptiveSettings.targetWidth = n;
        } else if (flag.name === 'max-seeds') {
          if (!Number.isInteger(n) || n < 2 || n > MAX_ENSEMBLE_SEEDS) {
            throw new UsageError(`--max-seeds must be an integer from 2 to ${MAX_ENSEMBLE_SEEDS}, got ${JSON.stringify(value)}`, 'sweep');
          }
          adaptiveSettings.maxSeeds = n;
        }
      }
    }
    // Each thread holds a run of its own: more of them than cores only adds memory.
    const cores = availableParallelism();
    if (jobs > cores) {
      io.err(`note: --jobs ${jobs} is more than the ${cores} logical cores here; using ${cores} threads\n`);
      jobs = cores;
    }
    if (x === null || y === null) throw new UsageError('sweep needs both --x and --y', 'sweep');
    if (adaptive && seeds !== null) throw new UsageError('choose one of --seeds N (the same seeds in every cell) and --adaptive', 'sweep');
    if (!adaptive && adaptiveFlags.length > 0) throw new UsageError(`--${adaptiveFlags[0] ?? ''} goes with --adaptive`, 'sweep');
    const cellCount = x.values.length * y.values.length;
    if (adaptive && adaptiveSettings.budget !== null && adaptiveSettings.budget < ADAPTIVE_DEFAULTS.initialSeeds * cellCount) {
      throw new UsageError(
        `--budget must be at least ${ADAPTIVE_DEFAULTS.initialSeeds * cellCount} (${ADAPTIVE_DEFAULTS.initialSeeds} seeds for each of the ${cellCount} cells), got ${adaptiveSettings.budget}`,
        'sweep',
      );
    }

    const input = loadInput(args.positionals[0] ?? '');
    let base = input.raw;
    const cells = (() => {
      try {
        for (const o of overrides) base = setPath(base, o.path, o.value);
        return sweepCells(base, x, y);
      } catch (e) {
        if (e instanceof ScenarioError) return e;
        throw e;
      }
    })();
    if (cells instanceof ScenarioError) {
      io.err(`error: invalid sweep (${input.source}):\n  ${cells.message.split('\n').join('\n  ')}\n`);
      return EXIT.invalidScenario;
    }
    // Every cell is checked before any runs, so a bad corner of the grid fails at once.
    const baseSeeds: number[] = [];
    for (const cell of cells) {
      try {
        baseSeeds.push(parseScenario(cell.raw).scenario.seed);
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e;
        const where = `${x.path}=${cell.x}, ${y.path}=${cell.y}`;
        io.err(`error: invalid scenario in the cell ${where} (${input.source}):\n  ${e.message.split('\n').join('\n  ')}\n`);
        return EXIT.invalidScenario;
      }
    }

    if (seeds !== null || adaptive) {
      const reports =
        seeds !== null
          ? await runFixedMap(cells, baseSeeds, seeds, jobs)
          : await runAdaptiveMap(cells, baseSeeds, x.values.length, y.values.length, adaptiveSettings, jobs);
      io.out(format === 'json' ? ensembleJson(x.path, y.path, cells, reports) : ensembleCsv(x.path, y.path, cells, reports));
      return EXIT.ok;
    }
    const results = await runCellsInPool(cells, jobs);
    if (format === 'json') {
      const rows = cells.map((cell, i) => ({ [x.path]: cell.x, [y.path]: cell.y, verdict: results[i]?.verdict, recoveryTime: results[i]?.recoveryTime ?? null }));
      io.out(`${JSON.stringify(rows)}\n`);
    } else {
      const lines = [[x.path, y.path, 'verdict', 'recoveryTime'].join(',')];
      cells.forEach((cell, i) => lines.push([cell.x, cell.y, results[i]?.verdict ?? '', results[i]?.recoveryTime ?? null].map(csvCell).join(',')));
      io.out(`${lines.join('\n')}\n`);
    }
    return EXIT.ok;
  },
};
