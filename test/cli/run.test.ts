import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcess } from './inProcess';
import { SERIES_NAMES, parseScenario, setPath } from '../../src/sim/index';
import { PRESETS } from '../../src/sim/scenario/index';
import { cli, SPAWN_TIMEOUT_MS } from './spawnCli';

const dir = mkdtempSync(join(tmpdir(), 'sim-cli-run-'));
const file = (name: string, content: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

/** A short run with a trigger and retries, so every part of the output has something in it. */
const SHORT = {
  name: 'short',
  duration: 40,
  bin: 2,
  load: { rate: 60 },
  client: { timeout: 0.5, retry: { maxRetries: 1 } },
  server: { concurrency: 4, service: { mean: 0.05 } },
  triggers: [{ kind: 'outage', at: 10, duration: 3 }],
};
const DOCUMENTED = ['t', 'offered', 'attempts', 'throughput', 'goodput', 'wasted', 'queue', 'inService', 'p50', 'p99', 'p999', 'serverP99', 'hitRate', 'amplification', 'utilisation', 'bad'];

interface Output {
  scenario: unknown;
  summary: { verdict: string };
  series: Record<string, (number | null)[]>;
}

// Each test spawns the CLI (a Node process with the tsx loader): seconds on a busy machine.
describe('sim run', { timeout: 60_000 }, () => {
  it.concurrent('prints {scenario, summary, series} on one line, byte-identical on a second run, and nothing on stderr', async () => {
    const path = file('short.json', SHORT);
    const [a, b] = [await cli(['run', path]), await cli(['run', path])];
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.stdout.endsWith('\n')).toBe(true);
    expect(a.stdout.trimEnd()).not.toContain('\n');
    expect(b.stdout).toBe(a.stdout);
    const out = JSON.parse(a.stdout) as Output;
    expect(Object.keys(out)).toEqual(['scenario', 'summary', 'series']);
    expect(out.scenario).toEqual(parseScenario(SHORT).scenario);
    expect(['stable', 'recovered', 'metastable', 'overloaded', 'unresolved']).toContain(out.summary.verdict);
    expect(Object.keys(out.series).slice(0, DOCUMENTED.length)).toEqual(DOCUMENTED);
    for (const name of DOCUMENTED) expect(out.series[name]).toHaveLength(20);
  }, 2 * SPAWN_TIMEOUT_MS);

  it.concurrent('running the emitted scenario again reproduces the output byte for byte', async () => {
    const first = await cli(['run', 'retry-storm', '--set', 'duration=60', '--seed', '3', '--set', 'triggers.0.at=20']);
    expect(first.code).toBe(0);
    const again = await cli(['run', file('emitted.json', (JSON.parse(first.stdout) as Output).scenario)]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
  }, 2 * SPAWN_TIMEOUT_MS);

  it.concurrent('--format csv prints the series: the documented header, one row per bin, empty cells for null', async () => {
    const path = file('short-csv.json', SHORT);
    const csv = await cli(['run', path, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stderr).toBe('');
    const json = JSON.parse(inProcess(['run', path]).stdout) as Output;
    const lines = csv.stdout.trimEnd().split('\n');
    const header = lines[0]?.split(',') ?? [];
    expect(header.slice(0, DOCUMENTED.length)).toEqual(DOCUMENTED);
    expect(header).toEqual([...SERIES_NAMES]);
    expect(lines).toHaveLength(1 + 20);
    let nulls = 0;
    lines.slice(1).forEach((line, row) => {
      line.split(',').forEach((cell, col) => {
        const value = json.series[header[col] ?? '']?.[row];
        if (value === null) nulls++;
        expect(cell).toBe(value === null ? '' : String(value));
      });
    });
    expect(nulls).toBeGreaterThan(0); // unjudged start-up bins at least: the null case is exercised
  }, SPAWN_TIMEOUT_MS);

  it('--set reaches nested fields and array items; --seed is --set seed=, applied in order', () => {
    const path = file('short-set.json', SHORT);
    const r = inProcess([
      'run', path,
      '--set', 'triggers.0.at=5',
      '--set', 'client.retry={"maxRetries":2,"backoff":"exponential"}',
      '--set', 'server.queue.discipline=lifo',
      '--set', 'name=two words',
      '--seed', '7',
    ]);
    expect(r.code).toBe(0);
    const s = (JSON.parse(r.stdout) as Output).scenario as ReturnType<typeof parseScenario>['scenario'];
    expect(s.triggers[0]).toEqual({ kind: 'outage', at: 5, duration: 3, stations: null });
    expect(s.client.retry).toMatchObject({ maxRetries: 2, backoff: 'exponential', base: 0.05 });
    expect(s.server.queue.discipline).toBe('lifo');
    expect(s.name).toBe('two words');
    expect(s.seed).toBe(7);
    const ordered = inProcess(['run', path, '--seed', '7', '--set', 'seed=8', '--format', 'csv']);
    const reference = inProcess(['run', path, '--seed', '8', '--format', 'csv']);
    expect(ordered.stdout).toBe(reference.stdout);
  });

  it('the seed changes the traffic', () => {
    const path = file('short-seed.json', SHORT);
    expect(inProcess(['run', path, '--seed', '1']).stdout).not.toBe(inProcess(['run', path, '--seed', '2']).stdout);
  });

  it('every preset id listed resolves and runs', () => {
    const list = JSON.parse(inProcess(['list']).stdout) as { id: string; title: string; lesson: number; expected: string }[];
    expect(list).toEqual(PRESETS.map(({ id, title, lesson, expected }) => ({ id, title, lesson, expected })));
    for (const { id } of list) {
      const r = inProcess(['run', id, '--set', 'duration=30']);
      expect(r.code, id).toBe(0);
      const preset = PRESETS.find((p) => p.id === id);
      expect((JSON.parse(r.stdout) as Output).scenario).toEqual(parseScenario(setPath(preset?.scenario, 'duration', 30)).scenario);
    }
  });

  it('a run stopped by the in-flight cap warns on stderr and still exits 0', () => {
    const path = file('stop.json', { limits: { maxInFlight: 1000 }, load: { rate: 2000 }, server: { concurrency: 1 }, client: { timeout: null }, duration: 30 });
    const r = inProcess(['run', path]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: the run stopped early: .*maxInFlight/);
    expect(JSON.parse(r.stdout)).toHaveProperty('summary.stopped');
  });
});
