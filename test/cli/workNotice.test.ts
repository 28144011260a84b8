import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/sim/index';
import { HEAVY_RUN_ATTEMPTS, workNotice } from '../../src/cli/runCommand';
import { inProcess } from './inProcess';

/** Twenty million attempts asked for, but the in-flight cap stops the run within a fraction of a simulated second. */
const HEAVY = JSON.stringify({ version: 1, duration: 400, load: { rate: 50_000 }, server: { concurrency: 1 }, limits: { maxInFlight: 2000 } });

describe('the note about a heavy run', () => {
  it('names the estimate and its fields from the work guard, only at and past the threshold', () => {
    const at = (rate: number) => parseScenario({ version: 1, duration: 100, load: { rate }, client: { retry: { maxRetries: 1 } } }).scenario;
    // rate × duration × (1 + maxRetries): 50,000 × 100 × 2 = 1e7 attempts.
    expect(workNotice(at(50_000))).toMatch(/up to 10\.0 million attempts \(load\.rate 50000 × duration 100 × \(1 \+ client\.retry\.maxRetries 1\)\)/);
    expect(workNotice(at(49_999))).toBeNull();
    expect(HEAVY_RUN_ATTEMPTS).toBe(1e7);
  });

  it('goes to stderr before a heavy run, not with --quiet, and never for the presets', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sim-heavy-')), 'heavy.json');
    writeFileSync(path, HEAVY);
    const loud = inProcess(['run', path, '--format', 'csv']);
    expect(loud.code).toBe(0);
    expect(loud.stderr).toMatch(/^note: this run makes up to 20\.0 million attempts .*--quiet hides this note\.\n/);
    const quiet = inProcess(['run', path, '--format', 'csv', '--quiet']);
    expect(quiet.stderr).not.toMatch(/note:/);
    expect(quiet.stdout).toBe(loud.stdout);
    expect(inProcess(['run', 'retry-storm', '--format', 'csv']).stderr).toBe('');
  }, 60_000);
});
