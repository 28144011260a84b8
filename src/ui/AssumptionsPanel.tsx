import { assumptionsOf, brokenAssumptions, findPreset, PRESETS, storyPreset, type Assumption } from '../sim/format';
import { currentStep } from '../state/index';
import { useLab } from './LabContext';
import { useLesson } from './lesson/useLesson';

/**
 * What the preset's story rests on, each with a Break it control: the change that breaks the assumption, applied to
 * the running scenario now as an operator action or an injected trigger, so it is recorded and a link replays it.
 * In a lesson, the assumptions of the preset the step runs.
 */
export function AssumptionsPanel() {
  const presetId = useLab((s) => s.presetId);
  const recorded = useLab((s) => s.recorded);
  const stopped = useLab((s) => s.stopped);
  const change = useLab((s) => s.change);
  const injectNow = useLab((s) => s.injectNow);
  const lessonId = useLesson((s) => s.lessonId);
  const stepIndex = useLesson((s) => s.step);
  const step = currentStep({ lessonId, step: stepIndex })?.step ?? null;
  const preset = step !== null ? (findPreset(step.scenario.preset) ?? null) : storyPreset(PRESETS, presetId, recorded);
  const assumptions = assumptionsOf(preset);
  if (preset === null || assumptions.length === 0) return null;
  const broken = new Set(recorded === null ? [] : brokenAssumptions(preset, recorded).map((a) => a.id));
  const breakIt = (a: Assumption) => {
    if (a.change.kind === 'set') change({ ...a.change.set });
    else void injectNow({ ...a.change.trigger });
  };
  const s = step?.scenario;
  const stepChanges = s !== undefined && (s.set !== undefined || s.triggers !== undefined || s.actions !== undefined || s.duration !== undefined);
  return (
    <section className="panel assumptions" aria-labelledby="assumptions-heading" data-preset={preset.id}>
      <h2 id="assumptions-heading">Assumptions</h2>
      {step === null ? (
        <p className="hint">What this story rests on. Break one (recorded as an action, so a link replays it) and watch the verdict.</p>
      ) : (
        <p className="hint">
          This step runs “{preset.title}”, which rests on these. Break one (recorded as an action) and watch the verdict.
          {stepChanges && ' The step changes the preset, so a break may not do here what it does to the preset itself.'}
        </p>
      )}
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
