import { assumptionsOf, brokenAssumptions, PRESETS, type Assumption } from '../sim/format';
import { useLab } from './LabContext';

const EMPTY: never[] = [];

/**
 * What the preset's story rests on, each with a Break it control: the change that breaks the assumption, applied to
 * the running scenario now as an operator action or an injected trigger, so it is recorded and a link replays it.
 */
export function AssumptionsPanel() {
  const presetId = useLab((s) => s.presetId);
  const triggers = useLab((s) => s.recorded?.triggers ?? EMPTY);
  const actions = useLab((s) => s.recorded?.actions ?? EMPTY);
  const stopped = useLab((s) => s.stopped);
  const change = useLab((s) => s.change);
  const injectNow = useLab((s) => s.injectNow);
  const assumptions = assumptionsOf(presetId);
  if (assumptions.length === 0) return null;
  const own = PRESETS.find((p) => p.id === presetId)?.scenario['triggers'];
  const broken = new Set(brokenAssumptions(presetId, { triggers, actions }, Array.isArray(own) ? own.length : 0).map((a) => a.id));
  const breakIt = (a: Assumption) => {
    if (a.change.kind === 'set') change({ ...a.change.set });
    else void injectNow({ ...a.change.trigger });
  };
  return (
    <section className="panel assumptions" aria-labelledby="assumptions-heading">
      <h2 id="assumptions-heading">Assumptions</h2>
      <p className="hint">What this story rests on. Break one (recorded as an action, so a link replays it) and watch the verdict.</p>
      <ul>
        {assumptions.map((a) => (
          <li key={a.id} data-assumption={a.id} data-broken={broken.has(a.id) ? 'yes' : 'no'}>
            <span>{a.text}</span>
            <button type="button" disabled={broken.has(a.id) || stopped !== null} onClick={() => breakIt(a)} aria-label={`Break it: ${a.breaks}`} title={a.says}>
              {broken.has(a.id) ? 'Broken' : 'Break it'}
            </button>
            <small>{a.breaks}</small>
          </li>
        ))}
      </ul>
    </section>
  );
}
