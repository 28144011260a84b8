import { assumptionsOf, brokenAssumptions, PRESETS, storyPreset, type Assumption } from '../sim/format';
import { useLab } from './LabContext';

/**
 * What the preset's story rests on, each with a Break it control: the change that breaks the assumption, applied to
 * the running scenario now as an operator action or an injected trigger, so it is recorded and a link replays it.
 */
export function AssumptionsPanel() {
  const presetId = useLab((s) => s.presetId);
  const recorded = useLab((s) => s.recorded);
  const stopped = useLab((s) => s.stopped);
  const change = useLab((s) => s.change);
  const injectNow = useLab((s) => s.injectNow);
  const preset = storyPreset(PRESETS, presetId, recorded);
  const assumptions = assumptionsOf(preset);
  if (assumptions.length === 0) return null;
  const broken = new Set(recorded === null ? [] : brokenAssumptions(preset, recorded).map((a) => a.id));
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
