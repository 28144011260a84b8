import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/sim/index';
import { cli, SPAWN_TIMEOUT_MS } from './spawnCli';

const FIXTURES = 'test/fixtures/import';

describe('sim import', () => {
  it(
    'prints the fragment on stdout and every field of the configuration on stderr; --onto gives a scenario that runs',
    async () => {
      const r = await cli(['import', `${FIXTURES}/grpc-service-config.json`]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({
        client: { retry: { maxRetries: 3, base: 0.1, cap: 1, backoff: 'exponential', jitter: 'full', budget: { kind: 'grpc', tokens: 10, ratio: 0.1 } }, timeout: 0.5 },
      });
      expect(r.stderr).toMatch(/^imported gRPC service config, methodConfig\[0\]: 7 fields set, 1 approximated, 3 not imported\n/);
      expect(r.stderr).toContain('  not imported  methodConfig[0].waitForReady: not modelled: a call is sent at once\n');

      const onto = await cli(['import', `${FIXTURES}/envoy-route.yaml`, '--onto', 'retry-storm']);
      expect(onto.code).toBe(0);
      const scenario = parseScenario(JSON.parse(onto.stdout)).scenario;
      expect([scenario.load.rate, scenario.client.retry.maxRetries, scenario.client.timeout]).toEqual([280, 3, 0.25]);
    },
    2 * SPAWN_TIMEOUT_MS,
  );

  it(
    '--format json prints the whole report; a value out of range exits 1 naming both fields; a missing file is a usage error',
    async () => {
      const json = await cli(['import', `${FIXTURES}/resilience4j.yaml`, '--format', 'json', '--instance', 'backendA']);
      expect(json.code).toBe(0);
      const report = JSON.parse(json.stdout) as Record<string, unknown>;
      expect(Object.keys(report)).toEqual(['format', 'source', 'fragment', 'mapped', 'approximated', 'unsupported', 'notes']);
      expect(report.format).toBe('resilience4j');

      const bad = await cli(['import', `${FIXTURES}/resilience4j.yaml`, '--instance', 'backendB']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toBe(`error: cannot import ${FIXTURES}/resilience4j.yaml: no instance named "backendB"; the instances: backendA\n`);

      const missing = await cli(['import', `${FIXTURES}/nothing.yaml`]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^error: cannot read "test\/fixtures\/import\/nothing\.yaml": no such file/);
    },
    3 * SPAWN_TIMEOUT_MS,
  );
});
