import { getPath } from '../../sim/format';
import { useLab } from '../LabContext';
import { Slider } from '../Slider';
import { Toggle } from '../Toggle';
import { LESSON_CONTROLS, type LessonControlSpec } from './lessonControls';

type OnChange = (path: string, value: unknown) => void;

/** The controls a step unlocks; each change runs the step again from t = 0 with it. */
export function LessonControls({
  paths,
  onChange,
  mark = null,
}: {
  paths: readonly string[];
  onChange: OnChange;
  /** The control the step points at, with its label. */
  mark?: { control: string; label: string } | null;
}) {
  const effective = useLab((s) => s.effective);
  if (paths.length === 0 || effective === null) return null;
  return (
    <div className="lesson-controls" role="group" aria-label="Controls for this step">
      {paths.map((path) => {
        const spec = LESSON_CONTROLS[path];
        if (spec === undefined) return null;
        const marked = mark?.control === path;
        return (
          <div key={path} className={marked ? 'lesson-control-marked' : undefined}>
            {marked && <p className="lesson-control-mark">→ {mark.label}</p>}
            <ControlFor path={path} spec={spec} value={getPath(effective, path)} onChange={onChange} />
          </div>
        );
      })}
    </div>
  );
}

function ControlFor({ path, spec, value, onChange }: { path: string; spec: LessonControlSpec; value: unknown; onChange: OnChange }) {
  if (spec.kind === 'toggle') return <Toggle label={spec.label} path={path} checked={value === true} onChange={(v) => onChange(path, v)} />;
  if (spec.kind === 'choice') {
    return (
      <label className="lesson-choice">
        <span>{spec.label}</span>
        <select value={String(value)} data-path={path} onChange={(e) => onChange(path, e.currentTarget.value)}>
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
    );
  }
  const off = spec.off;
  return (
    <>
      {off !== undefined && <Toggle label={off.label} path={path} checked={typeof value === 'number'} onChange={(v) => onChange(path, v ? off.on : null)} />}
      {typeof value === 'number' && (
        <Slider label={spec.label} path={path} value={value} min={spec.min} max={spec.max} step={spec.step} format={(v) => `${v} ${spec.unit}`} onChange={(v) => onChange(path, v)} />
      )}
    </>
  );
}
