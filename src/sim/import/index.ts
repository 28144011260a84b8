/**
 * Importing real configuration: an Envoy route retry policy and circuit breakers, a gRPC service config, or
 * resilience4j's retry / circuit breaker / time limiter / bulkhead properties, read into a scenario fragment. Every
 * field is accounted for: carried into the scenario (`mapped`), carried with a difference the note states
 * (`approximated`), or not modelled and left out (`unsupported`), never silently dropped.
 */
import { parseScenario, ScenarioError, type Scenario } from '../scenario/index';
import { Collector, ConfigImportError, isObj, type ImportNote, type MappedField, type Obj } from './collect';
import { importEnvoy, looksLikeEnvoy } from './envoy';
import { importGrpc, looksLikeGrpc } from './grpc';
import { parseConfigText } from './parseConfig';
import { importResilience4j, looksLikeResilience4j } from './resilience4j';

export { ConfigImportError, type ImportNote, type MappedField } from './collect';
export { MAX_CONFIG_LENGTH } from './parseConfig';

export const CONFIG_FORMATS = ['envoy', 'grpc', 'resilience4j'] as const;
export type ConfigFormat = (typeof CONFIG_FORMATS)[number];

export interface ImportOptions {
  /** The scenario the fragment goes onto (raw, as a file holds it); the default scenario when absent. */
  base?: unknown;
  /** Which route, methodConfig entry or resilience4j instance, when the file holds several. */
  instance?: string;
}

export interface ImportResult {
  format: ConfigFormat;
  /** What was read: `resilience4j instance backendA (retry, circuitbreaker)`. */
  source: string;
  /** The scenario fields the configuration sets, nested as in a scenario file. */
  fragment: Obj;
  /** The base with the fragment on it (raw): what `--onto` prints and the page opens. */
  raw: Obj;
  /** `raw` validated and normalised. */
  scenario: Scenario;
  mapped: MappedField[];
  approximated: ImportNote[];
  unsupported: ImportNote[];
  notes: string[];
}

/** The format of a parsed configuration, or null. */
export function detectFormat(value: unknown): ConfigFormat | null {
  if (!isObj(value)) return null;
  if (looksLikeResilience4j(value)) return 'resilience4j';
  if (looksLikeGrpc(value)) return 'grpc';
  if (looksLikeEnvoy(value)) return 'envoy';
  return null;
}

/** A copy of `base` with the fragment's fields set on it (the fragment holds only the scenario's own field names). */
function onto(base: Obj, fragment: Obj): Obj {
  // JSON.parse defines every key as an own property, `__proto__` included: a copy that cannot touch a prototype.
  const copy = (v: unknown): Obj => JSON.parse(JSON.stringify(v)) as Obj;
  const out = copy(base);
  const put = (target: Obj, src: Obj) => {
    for (const [k, v] of Object.entries(src)) {
      const here = target[k];
      if (isObj(v) && isObj(here)) put(here, v);
      else target[k] = isObj(v) ? copy(v) : v;
    }
  };
  put(out, fragment);
  return out;
}

/** First-attempt requests per second of a scenario (open or closed loop): turns a count of calls into seconds. */
function rateOf(s: Scenario): number {
  if (s.load.clients !== null) return s.load.clients / (s.load.thinkTime + s.server.service.mean);
  return s.load.profile === null ? s.load.rate : Math.max(...s.load.profile.map((p) => p.rate));
}

export function importConfig(text: string, options: ImportOptions = {}): ImportResult {
  const value = parseConfigText(text);
  const format = detectFormat(value);
  if (format === null || !isObj(value)) {
    throw new ConfigImportError(
      'not a configuration the lab reads: expected an Envoy retry_policy or circuit_breakers, a gRPC service config (methodConfig, retryThrottling), ' +
        'or resilience4j retry / circuitbreaker / timelimiter / bulkhead instances (a scenario file opens as a scenario)',
    );
  }
  const baseRaw = options.base ?? { version: 1 };
  if (!isObj(baseRaw)) throw new ConfigImportError('the scenario to import onto is not an object');
  const base = parseScenario(baseRaw).scenario;
  const c = new Collector();
  const source =
    format === 'grpc' ? importGrpc(value, options.instance, c) : format === 'envoy' ? importEnvoy(value, options.instance, c) : importResilience4j(value, options.instance, c, Math.max(rateOf(base), 1e-9));
  const raw = onto(baseRaw, c.fragment);
  let scenario: Scenario;
  try {
    scenario = parseScenario(raw).scenario;
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const lines = e.issues.map((issue) => {
      const from = c.mapped.filter((m) => issue.path === m.to || issue.path.startsWith(`${m.to}.`)).map((m) => m.from);
      return `${from.length > 0 ? `${from.join(', ')} → ` : ''}${issue.path}: ${issue.message}`;
    });
    throw new ConfigImportError(`the imported values do not fit the model's ranges:\n  ${lines.join('\n  ')}`);
  }
  return { format, source, fragment: c.fragment, raw, scenario, mapped: c.mapped, approximated: c.approximated, unsupported: c.unsupported, notes: c.notes };
}

/** The report as lines for a person: what was read, then every approximation and every field left out. */
export function importReportLines(r: ImportResult): string[] {
  const lines = [`imported ${r.source}: ${r.mapped.length} fields set, ${r.approximated.length} approximated, ${r.unsupported.length} not imported`];
  for (const n of r.notes) lines.push(`  note: ${n}`);
  for (const m of r.mapped) lines.push(`  set   ${m.to} = ${JSON.stringify(m.value)}  ← ${m.from}${m.note === null ? '' : ` (${m.note})`}`);
  for (const a of r.approximated) lines.push(`  approx  ${a.path}: ${a.text}`);
  for (const u of r.unsupported) lines.push(`  not imported  ${u.path}: ${u.text}`);
  return lines;
}
