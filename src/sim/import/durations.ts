/**
 * Durations as the imported configurations write them, in seconds. Each parser returns null for text it does not
 * read, so the caller names the field and the forms it accepts.
 */

/** Protocol Buffers' JSON form (gRPC service config, Envoy): "1.5s", or Envoy's YAML object { seconds, nanos }. */
export function protoDuration(value: unknown): number | null {
  if (typeof value === 'string') {
    const m = /^(\d+(?:\.\d{1,9})?)s$/.exec(value.trim());
    return m === null ? null : Number(m[1]);
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    const extra = Object.keys(o).filter((k) => k !== 'seconds' && k !== 'nanos');
    const seconds = o.seconds === undefined ? 0 : Number(o.seconds);
    const nanos = o.nanos === undefined ? 0 : Number(o.nanos);
    if (extra.length > 0 || !Number.isFinite(seconds) || !Number.isFinite(nanos) || seconds < 0 || nanos < 0 || nanos >= 1e9) return null;
    return seconds + nanos / 1e9;
  }
  return null;
}

export const PROTO_DURATION_FORMS = 'a duration such as "0.25s" (or { seconds, nanos })';

const SPRING_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * Spring Boot's forms, which resilience4j's properties take: "500ms", "10s", "1m" (ns, us, ms, s, m, h, d), ISO-8601
 * "PT0.5S" / "PT1M30S", or a plain number of milliseconds.
 */
export function springDuration(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value / 1000 : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const simple = /^(\d+(?:\.\d+)?)\s*(ns|us|ms|s|m|h|d)?$/i.exec(text);
  if (simple !== null) {
    const unit = (simple[2] ?? 'ms').toLowerCase();
    return Number(simple[1]) * SPRING_UNITS[unit]!;
  }
  const iso = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text);
  if (iso === null || text.toUpperCase() === 'P' || text.toUpperCase().endsWith('T')) return null;
  const [, d, h, m, s] = iso;
  return Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3600 + Number(m ?? 0) * 60 + Number(s ?? 0);
}

export const SPRING_DURATION_FORMS = 'a duration such as "500ms", "10s", "PT0.5S" or a number of milliseconds';
