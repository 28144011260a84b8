import { describe, expect, it } from 'vitest';
import { csvNumberCell, resultToJson, seriesToCsv } from '../../src/links/index';
import { seriesToCsv as cliCsv } from '../../src/cli/csv';
import { SERIES_NAMES, findPreset, parseScenario, runScenario, type Series } from '../../src/sim/index';
import { inProcess } from '../cli/inProcess';

const run = runScenario(parseScenario({ ...findPreset('mm1')?.scenario, duration: 60 }).scenario);

describe('seriesToCsv', () => {
  it('writes exactly what the CLI writes for a real run', () => {
    const series: Series = run.series;
    expect(seriesToCsv(series)).toBe(cliCsv(SERIES_NAMES, series));
    expect(seriesToCsv(run.series).split('\n')[0]).toBe(SERIES_NAMES.join(','));
  });

  it('writes numbers as numbers, negative ones included, and gaps as empty cells', () => {
    const series = Object.fromEntries(SERIES_NAMES.map((n) => [n, [-1.5, null, 0, NaN]])) as unknown as Series;
    const lines = seriesToCsv(series).trimEnd().split('\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['-1.5', '', '0', '']);
    expect(csvNumberCell(-0.25)).toBe('-0.25');
    expect(csvNumberCell(null)).toBe('');
  });
});

describe('resultToJson', () => {
  it('is byte for byte what `sim run --format json` prints', () => {
    const cli = inProcess(['run', 'mm1', '--set', 'duration=60']);
    expect(cli.code).toBe(0);
    expect(resultToJson(run)).toBe(cli.stdout);
  });

  it('holds a graph run’s per-service series as the CLI prints them', () => {
    const cli = inProcess(['run', 'graph-retry-layers', '--set', 'duration=60']);
    expect(cli.code).toBe(0);
    const graphRun = runScenario(parseScenario({ ...findPreset('graph-retry-layers')?.scenario, duration: 60 }).scenario);
    expect(Object.keys(graphRun.services ?? {})).toEqual(['front', 'mid', 'back']);
    expect(resultToJson(graphRun)).toBe(cli.stdout);
  });
});
