import { getPath } from '../../sim/format';
import { useLab } from '../LabContext';
import { Slider } from '../Slider';
import { Toggle } from '../Toggle';
import { LESSON_CONTROLS } from './lessonControls';

/** The controls a step unlocks; each change runs the step again from t = 0 with it. */
export function LessonControls({ paths, onChange }: { paths: readonly string[]; onChange: (path: string, value: unknown) => void }) {
  const effective = useLab((s) => s.effective);
  if (paths.length === 0 || effective === null) return null;
  return (
    <div className="lesson-controls" role="group" aria-label="Controls for this step">
      {paths.map((path) => {
        const spec = LESSON_CONTROLS[path];
        const value: unknown = getPath(effective, path);
        if (spec === undefined) return null;
        if (spec.kind === 'toggle') return <Toggle key={path} label={spec.label} path={path} checked={value === true} onChange={(v) => onChange(path, v)} />;
        if (spec.kind === 'choice') {
          return (
            <label key={path} className="lesson-choice">
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
        const on = typeof value === 'number';
        return (
          <div key={path}>
            {spec.off !== undefined && <Toggle label={spec.off.label} path={path} checked={on} onChange={(v) => onChange(path, v ? spec.off!.on : null)} />}
            {on && (
              <Slider label={spec.label} path={path} value={value} min={spec.min} max={spec.max} step={spec.step} format={(v) => `${v} ${spec.unit}`} onChange={(v) => onChange(path, v)} />
            )}
          </div>
        );
      })}
    </div>
  );
}
