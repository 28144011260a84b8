import { useLab } from './LabContext';
import { formatCount } from './format';

/** The conservation law, live: every request that arrived has succeeded, failed or is still in flight. */
export function InvariantsPanel() {
  const live = useLab((s) => s.live);
  const nowS = useLab((s) => s.nowS);
  if (live === null) return null;
  const { arrivals, succeeded, failed, inFlight } = live;
  const holds = arrivals === succeeded + failed + inFlight;
  return (
    <section className="panel invariants" aria-labelledby="invariants-heading" data-holds={holds}>
      <h2 id="invariants-heading">Invariants</h2>
      <p className="law">
        <span data-term="arrivals">{formatCount(arrivals)}</span> arrivals = <span data-term="succeeded">{formatCount(succeeded)}</span> succeeded +{' '}
        <span data-term="failed">{formatCount(failed)}</span> failed + <span data-term="inFlight">{formatCount(inFlight)}</span> in flight
      </p>
      <p className={holds ? 'holds' : 'broken'}>
        {holds ? `✓ Holds at t = ${Math.round(nowS)} s` : `✗ Broken at t = ${Math.round(nowS)} s: off by ${formatCount(arrivals - succeeded - failed - inFlight)}`}
      </p>
      <p className="hint">
        Right now: {formatCount(live.queue)} queued, {formatCount(live.inService)} in service of {Number.isFinite(live.slots) ? formatCount(live.slots) : 'unbounded'} slots.
      </p>
    </section>
  );
}
