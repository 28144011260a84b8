import './lesson.css';
import { useEffect, useRef } from 'react';
import { brokenAssumptions, fillText, findPreset } from '../../sim/format';
import { currentStep } from '../../state/index';
import { useApp } from '../AppContext';
import { useLab } from '../LabContext';
import { usePresenterOn } from '../trainer/usePresenter';
import { WithTerms } from '../glossary/Term';
import { LessonControls } from './LessonControls';
import { useLesson } from './useLesson';

/** The lesson beside the charts: the step's text with the run's figures, its prediction or task, and Back / Next. */
export function LessonPanel() {
  const large = usePresenterOn();
  const store = useApp().lesson;
  const lessonId = useLesson((s) => s.lessonId);
  const stepIndex = useLesson((s) => s.step);
  const choice = useLesson((s) => s.choice);
  const result = useLesson((s) => s.result);
  const revealed = useLesson((s) => s.revealed);
  const hint = useLesson((s) => s.hint);
  const holdAnswers = useLesson((s) => s.holdAnswers);
  const done = useLab((s) => s.done);
  const recorded = useLab((s) => s.recorded);
  const heading = useRef<HTMLHeadingElement>(null);
  const found = currentStep({ lessonId, step: stepIndex });
  // Focus follows the step, so a keyboard or screen-reader user lands on the new step's title.
  useEffect(() => {
    if (found !== null && document.activeElement?.closest('.lesson-panel') !== null) heading.current?.focus();
  }, [lessonId, stepIndex]); // eslint-disable-line react-hooks/exhaustive-deps -- only when the step changes
  if (found === null) return null;
  const { lesson, step } = found;
  const n = lesson.steps.length;
  const figures = result?.figures ?? null;
  const fill = (text: string) => fillText(text, step, figures);
  const s = store.getState();
  const last = stepIndex === n - 1;
  const prediction = step.prediction;
  const answered = choice !== null;
  const waiting = prediction !== undefined && !answered;
  // An assumption broken from the panel under the lesson: the run is no longer the step's, so its outcome is not shown.
  const broken = recorded === null ? [] : brokenAssumptions(findPreset(step.scenario.preset) ?? null, recorded);

  return (
    <section className={`panel lesson-panel${large ? ' lesson-large' : ''}`} aria-labelledby="lesson-step-title" data-lesson={lesson.id} data-step={stepIndex + 1}>
      <p className="lesson-kicker">
        Lesson {lesson.number}: {lesson.title} · <span className="lesson-count">Step {stepIndex + 1} of {n}</span>
      </p>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {`Lesson ${lesson.number}, step ${stepIndex + 1} of ${n}: ${step.title}`}
      </p>
      <h2 id="lesson-step-title" ref={heading} tabIndex={-1}>
        {step.title}
      </h2>
      <p className="lesson-text">
        <WithTerms text={fill(step.text)} />
      </p>
      {step.highlight !== undefined && step.highlight.target !== 'control' && (
        <p className="lesson-look">
          Look at the {step.highlight.chart} chart: {step.highlight.label}
        </p>
      )}
      {prediction !== undefined && (
        <fieldset className="lesson-prediction">
          <legend>Predict: {prediction.question}</legend>
          <div className="lesson-answers">
            {prediction.answers.map((a, i) => {
              const right = revealed && result !== null && result.right.includes(i);
              const chosen = choice === i;
              return (
                <button
                  key={a.text}
                  type="button"
                  className={`lesson-answer${chosen ? ' chosen' : ''}${right ? ' right' : ''}`}
                  aria-pressed={chosen}
                  disabled={answered}
                  onClick={() => s.choose(i)}
                >
                  {a.text}
                  {right && <span className="lesson-mark"> (what the run did)</span>}
                </button>
              );
            })}
          </div>
          {waiting && <p className="hint">Choose an answer: the run plays once you have.</p>}
          {answered && !revealed && result === null && <p className="hint">Running to see what happens…</p>}
          {answered && !revealed && result !== null && holdAnswers && (
            <button type="button" onClick={() => s.reveal()}>
              Reveal the answer
            </button>
          )}
          {revealed && result !== null && (
            <div className="lesson-reveal" role="status">
              <p>
                <strong>{choice !== null && result.right.includes(choice) ? 'You predicted it.' : 'Not what happened.'}</strong> <WithTerms text={fill(prediction.explanation)} />
              </p>
            </div>
          )}
        </fieldset>
      )}
      {broken.length > 0 && (
        <p className="lesson-broken" role="note">
          You broke {broken.map((a) => `“${a.text}”`).join(' and ')}: this run is no longer the step’s own, so the step’s outcome is not shown. Reset runs the step as written.
        </p>
      )}
      {step.outcome !== undefined && broken.length === 0 && result !== null && (!waiting || revealed) && <p className="lesson-outcome">
          <WithTerms text={fill(step.outcome)} />
        </p>}
      {step.outcome !== undefined && broken.length === 0 && result === null && !waiting && !done && <p className="hint">The rest of this step shows once the run ends.</p>}
      {step.task !== undefined && (
        <div className="lesson-task">
          <p>
            <strong>Task:</strong> {step.task.goal}
          </p>
          <LessonControls
            paths={step.show.controls}
            onChange={(path, value) => void s.setControl(path, value)}
            mark={step.highlight?.target === 'control' ? step.highlight : null}
          />
          <p className="lesson-task-status" role="status">
            {result === null ? 'Checking once the run ends…' : result.reached === true ? 'Reached: this run meets the goal.' : 'Not reached yet: this run misses the goal.'}
          </p>
          {hint && result?.reached !== true && <p className="lesson-hint">Hint: {step.task.hint}</p>}
        </div>
      )}
      {last && result !== null && (
        <p className="lesson-takeaway">
          <strong>Takeaway:</strong> {lesson.takeaway}
        </p>
      )}
      {large && prediction !== undefined && (
        <label className="lesson-hold">
          <input type="checkbox" checked={holdAnswers} onChange={(e) => s.setHoldAnswers(e.currentTarget.checked)} /> Hold the answer until I reveal it
        </label>
      )}
      <nav className="lesson-nav" aria-label="Lesson steps">
        <button type="button" onClick={() => void s.back()} disabled={stepIndex === 0}>
          Back
        </button>
        <button type="button" className="primary" onClick={() => void s.next()} disabled={last}>
          Next
        </button>
        <button type="button" onClick={() => s.close()}>
          Leave the lesson
        </button>
      </nav>
    </section>
  );
}
