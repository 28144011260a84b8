import { useId, useState, type FormEvent } from 'react';
import { AssertionSyntaxError, MAX_ASSERTIONS, missingShard, parseCheck, parseScope, type AssertionSpec, type ViolationSpan } from '../sim/format';
import { formatSeconds } from './format';
import { useLab } from './LabContext';

const NONE: never[] = [];
/** Stretches of violation listed; the rest are counted. */
const LISTED = 12;

type ScopeKind = 'always' | 'outside' | 'during' | 'from' | 'within';
const SCOPES: { kind: ScopeKind; label: string }[] = [
  { kind: 'always', label: 'always' },
  { kind: 'outside', label: 'outside triggers' },
  { kind: 'during', label: 'during triggers' },
  { kind: 'from', label: 'from N s after triggers' },
  { kind: 'within', label: 'within N s after triggers' },
];

function scopeText(kind: ScopeKind, seconds: string): string {
  if (kind === 'from' || kind === 'within') return `${kind} ${seconds.trim()}s after triggers`;
  return kind === 'always' ? 'always' : `${kind} triggers`;
}

/** A value for a person: 4 significant digits. */
function show(x: number): string {
  return String(Number(x.toPrecision(4)));
}

function describeSpan(span: ViolationSpan): string {
  const { first } = span;
  const when = span.bins === 1 ? `at ${formatSeconds(span.from)}` : `from ${formatSeconds(span.from)} to ${formatSeconds(span.to)}`;
  return `${when}: ${first.comparison} was ${show(first.value)} against ${show(first.bound)}`;
}

/**
 * The user's own invariants: assertions over the series (docs/scenario.md, "Assertions"), kept in the scenario
 * (so in links and exports), checked at every bin while the run plays; violations are listed and marked on the charts.
 */
export function AssertionsPanel() {
  const assertions = useLab((s) => s.recorded?.assertions ?? NONE);
  const violations = useLab((s) => s.violations);
  const setAssertions = useLab((s) => s.setAssertions);
  const ready = useLab((s) => s.recorded !== null);
  const stations = useLab((s) => s.recorded?.fanout?.n ?? s.recorded?.partitions?.shards ?? 1);
  const [check, setCheck] = useState('');
  const [kind, setKind] = useState<ScopeKind>('always');
  const [seconds, setSeconds] = useState('60');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const after = kind === 'from' || kind === 'within';

  const commit = async (next: AssertionSpec[]): Promise<void> => {
    setBusy(true);
    try {
      await setAssertions(next);
    } finally {
      setBusy(false);
    }
  };

  const add = (e: FormEvent) => {
    e.preventDefault();
    if (assertions.length >= MAX_ASSERTIONS) return setError(`A scenario holds at most ${MAX_ASSERTIONS} assertions: remove one first.`);
    const scope = scopeText(kind, seconds);
    try {
      const missing = missingShard(parseCheck(check), stations);
      if (missing !== null) throw missing;
    } catch (err) {
      if (err instanceof AssertionSyntaxError) return setError(`Check: ${err.message}`);
      throw err;
    }
    try {
      parseScope(scope);
    } catch (err) {
      if (err instanceof AssertionSyntaxError) return setError(`When: "${seconds}" is not a time: expected a number of seconds, such as 60`);
      throw err;
    }
    setError(null);
    setCheck('');
    void commit([...assertions, { check: check.trim(), scope }]);
  };

  const failed = new Map<number, ViolationSpan[]>();
  for (const v of violations) failed.set(v.assertion, [...(failed.get(v.assertion) ?? []), v]);

  return (
    <section className="panel assertions" aria-labelledby={`${id}-heading`} data-violations={violations.length}>
      <h2 id={`${id}-heading`}>Your invariants</h2>
      {assertions.length === 0 ? (
        <p className="hint">None yet. Add a check on the series, such as amplification &lt;= 1.5; it is checked at every bin and kept in links and exports.</p>
      ) : (
        <ul className="assertion-list" aria-label="Assertions of this scenario">
          {assertions.map((a, i) => {
            const spans = failed.get(i) ?? NONE;
            const first = spans[0];
            return (
              <li key={`${i}:${a.check}:${a.scope}`} data-holds={first === undefined}>
                <code>{a.check}</code> <span className="scope">({a.scope})</span>{' '}
                <span className={first === undefined ? 'holds' : 'broken'}>
                  {first === undefined ? '✓ holds so far' : `✗ violated in ${spans.reduce((n, s) => n + s.bins, 0)} bins, first ${describeSpan(first)}`}
                </span>
                <button type="button" className="link" disabled={busy} onClick={() => void commit(assertions.filter((_, k) => k !== i))} aria-label={`Remove the assertion ${a.check}`}>
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {violations.length > 0 && (
        <>
          <h3 className="violations-heading">Violations</h3>
          <ol className="violation-list" aria-label="Violations, in time order">
            {violations.slice(0, LISTED).map((v) => (
              <li key={`${v.assertion}:${v.from}`}>
                #{v.assertion + 1} {describeSpan(v)}
              </li>
            ))}
          </ol>
          {violations.length > LISTED && <p className="hint">and {violations.length - LISTED} more stretches</p>}
        </>
      )}
      <form className="assertion-form" onSubmit={add} noValidate>
        <label className="text">
          <span>Check</span>
          <input
            type="text"
            value={check}
            placeholder="amplification <= 1.5"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error?.startsWith('Check') === true}
            aria-describedby={error !== null ? `${id}-error` : undefined}
            onChange={(e) => setCheck(e.currentTarget.value)}
          />
        </label>
        <label className="select">
          <span>When</span>
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as ScopeKind)}>
            {SCOPES.map((s) => (
              <option key={s.kind} value={s.kind}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        {after && (
          <label className="number">
            <span>N (s)</span>
            <input type="text" inputMode="decimal" value={seconds} aria-invalid={error?.startsWith('When') === true} onChange={(e) => setSeconds(e.currentTarget.value)} />
          </label>
        )}
        <button type="submit" disabled={!ready || busy || check.trim() === ''}>
          Add
        </button>
      </form>
      {error !== null && (
        <p id={`${id}-error`} role="alert" className="field-error">
          {error}
        </p>
      )}
      <p className="hint">
        Series: goodput, offered, amplification, clientP99, p99, queue, utilisation…; units ms, s, %; mean(x, 10s). See docs/scenario.md, “Assertions”.
      </p>
    </section>
  );
}
