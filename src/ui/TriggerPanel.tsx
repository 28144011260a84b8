import { useState } from 'react';
import type { TriggerSpec } from '../worker/index';
import { useLab, useLabStore } from './LabContext';
import { Slider } from './Slider';
import { targetIn, TriggerTarget, type TriggerTargetValue } from './TriggerTarget';

const NO_TRIGGERS: never[] = [];

type Kind = 'spike' | 'outage' | 'capacity' | 'cache-flush' | 'errors';

/** The kinds that hit one service (and replica) of a graph; a spike is the users' load, a flush the entry's cache. */
const TARGETED: readonly Kind[] = ['outage', 'capacity', 'errors'];

const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'spike', label: 'Load spike' },
  { kind: 'outage', label: 'Outage' },
  { kind: 'capacity', label: 'Capacity loss' },
  { kind: 'cache-flush', label: 'Cache flush' },
  { kind: 'errors', label: 'Error answers' },
];

/** Triggers: pick a kind, size and duration; inject now or schedule on the timeline. */
export function TriggerPanel() {
  const [kind, setKind] = useState<Kind>('spike');
  const [factor, setFactor] = useState(2);
  const [speed, setSpeed] = useState(0.5);
  const [slots, setSlots] = useState(0);
  const [errorRate, setErrorRate] = useState(0.5);
  const [atError, setAtError] = useState<string | null>(null);
  const [duration, setDuration] = useState(10);
  const [at, setAt] = useState('');
  const [target, setTarget] = useState<TriggerTargetValue>({ service: '', replica: null });
  const graph = useLab((s) => s.effective?.graph ?? null);
  const targeted = graph !== null && TARGETED.includes(kind);
  const injectNow = useLab((s) => s.injectNow);
  const schedule = useLab((s) => s.schedule);
  const unschedule = useLab((s) => s.unschedule);
  const done = useLab((s) => s.done);
  const triggers = useLab((s) => s.recorded?.triggers ?? NO_TRIGGERS);
  // The engine refuses a flush with nothing to flush; the panel does not offer one.
  const hasCache = useLab((s) => s.effective?.cache != null);
  const blocked = kind === 'cache-flush' && !hasCache;
  // Which triggers can still be removed, as a string: the panel re-renders when that changes, not as time moves.
  const removable = useLab((s) => (s.done ? '' : (s.recorded?.triggers ?? NO_TRIGGERS).map((t) => (t.at >= s.nowS ? 'y' : 'n')).join('')));
  const store = useLabStore();

  const trigger = (): TriggerSpec => {
    if (!targeted || graph === null) return untargeted();
    const where = targetIn(graph, target);
    return { ...untargeted(), service: where.service, ...(where.replica !== null ? { replica: where.replica } : {}) };
  };
  const untargeted = (): TriggerSpec => {
    switch (kind) {
      case 'spike':
        return { kind, duration, factor };
      case 'outage':
        return { kind, duration };
      case 'capacity':
        return { kind, duration, factor: speed, slots };
      case 'cache-flush':
        return { kind };
      case 'errors':
        return { kind, duration, rate: errorRate };
    }
  };

  return (
    <section className="panel triggers" aria-labelledby="triggers-heading">
      <h2 id="triggers-heading">Triggers</h2>
      <label className="select">
        <span>Kind</span>
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
          {KINDS.map((k) =>
            k.kind === 'cache-flush' && !hasCache ? (
              <option key={k.kind} value={k.kind} disabled>
                {k.label} (no cache in this scenario)
              </option>
            ) : (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ),
          )}
        </select>
      </label>
      {targeted && <TriggerTarget graph={graph} value={target} onChange={setTarget} />}
      {kind === 'spike' && (
        <Slider label="Spike size" value={factor} min={1.1} max={10} step={0.1} format={(v) => `${v.toFixed(1)}× load`} onChange={setFactor} />
      )}
      {kind === 'capacity' && (
        <Slider label="Server speed" value={speed} min={0.1} max={0.9} step={0.05} format={(v) => `${Math.round(v * 100)}% of normal`} onChange={setSpeed} />
      )}
      {kind === 'capacity' && (
        <Slider label="Slots lost" value={slots} min={0} max={100} step={1} format={(v) => `${v} slots`} onChange={setSlots} />
      )}
      {kind === 'errors' && (
        <Slider label="Error share" value={errorRate} min={0.05} max={1} step={0.05} format={(v) => `${Math.round(v * 100)}% of calls`} onChange={setErrorRate} />
      )}
      {kind !== 'cache-flush' && (
        <Slider label="Duration" value={duration} min={1} max={120} step={1} format={(v) => `${v} s`} onChange={setDuration} />
      )}
      {blocked && (
        <p role="alert" className="field-error">
          Kind: a cache flush needs a cache, and this scenario has none now: turn the cache on under Controls, or pick another kind.
        </p>
      )}
      <div className="buttons">
        <button type="button" className="primary" disabled={done || blocked} data-shortcut="inject" aria-keyshortcuts="I" onClick={() => void injectNow(trigger())}>
          Inject now
        </button>
      </div>
      <div className="schedule">
        <AtField value={at} onChange={setAt} />
        <button
          type="button"
          disabled={done || blocked || at.trim() === ''}
          onClick={() => {
            const atS = Number(at);
            const nowS = store.getState().nowS;
            if (at.trim() === '' || !Number.isFinite(atS) || atS < 0) {
              setAtError(`Or at t: got "${at}", expected a number of seconds from ${Math.ceil(nowS)} on`);
              return;
            }
            setAtError(null);
            void schedule({ ...trigger(), at: atS });
            setAt('');
          }}
        >
          Schedule
        </button>
      </div>
      {atError !== null && (
        <p role="alert" className="field-error">
          {atError}
        </p>
      )}
      {triggers.length > 0 && (
        <ul className="trigger-list" aria-label="Triggers in this run">
          {triggers.map((t, i) => (
            <li key={i}>
              {KINDS.find((k) => k.kind === t.kind)?.label ?? t.kind} at {t.at} s{'duration' in t && ` for ${t.duration} s`}
              {t.kind === 'spike' && `, ${t.factor}×`}
              {t.kind === 'errors' && `, ${Math.round(t.rate * 100)}% errors`}
              {'service' in t && t.service !== undefined && ` on ${t.service}`}
              {'replica' in t && t.replica !== undefined && `, replica ${t.replica}`}
              {removable[i] === 'y' && (
                <button type="button" className="link" onClick={() => void unschedule(i)} aria-label={`Remove the ${KINDS.find((k) => k.kind === t.kind)?.label.toLowerCase() ?? t.kind} at ${t.at} s`}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The time to schedule at; its placeholder follows the run, so only this field re-renders as time moves. */
function AtField({ value, onChange }: { value: string; onChange: (text: string) => void }) {
  const earliest = useLab((s) => Math.ceil(s.nowS));
  return (
    <label className="number">
      <span>Or at t (s)</span>
      <input type="text" inputMode="decimal" value={value} placeholder={`≥ ${earliest}`} onChange={(e) => onChange(e.currentTarget.value)} />
    </label>
  );
}
