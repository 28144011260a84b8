import { useEffect, useId, useRef, useState } from 'react';

export interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  /** The value with its unit, shown and announced: "280 req/s". */
  format: (value: number) => string;
  /** Told once per committed value: at the end of a drag, or at each keyboard step. */
  onChange: (value: number) => void;
  disabled?: boolean;
  /** For tests and the e2e: the scenario path it drives. */
  path?: string;
}

/**
 * The step the input needs to hold `value` exactly: `step`, or a fraction of it when the value lies between its marks
 * (a phase-map cell, a link, a typed scenario), since a range input moves such a value to the nearest mark and would
 * show one value while the run uses another.
 */
export function stepFor(value: number, min: number, step: number): number | 'any' {
  for (const divisor of [1, 2, 4, 5, 10, 20, 50, 100, 1000]) {
    const s = step / divisor;
    const n = (value - min) / s;
    if (Math.abs(n - Math.round(n)) < 1e-9 * Math.max(1, Math.abs(n))) return s;
  }
  return 'any';
}

/**
 * A labelled range input with its live value and unit; keyboard-operable, announces the value with `aria-valuetext`.
 * While it is dragged it only shows the value under the pointer; the value is committed when the drag ends (the
 * browser's `change` event), so one drag is one change of the run, not one per pointer move.
 */
export function Slider({ label, value, min, max, step, format, onChange, disabled = false, path }: SliderProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [moving, setMoving] = useState<number | null>(null);
  // The browser's `change` event ends a drag (or a keyboard step); React's onChange fires on every move.
  useEffect(() => {
    const el = input.current;
    if (el === null) return;
    const onCommit = () => {
      const next = Number(el.value);
      setMoving(null);
      if (next !== value) onChange(next);
    };
    el.addEventListener('change', onCommit);
    return () => el.removeEventListener('change', onCommit);
  }, [onChange, value]);

  const shownValue = Math.min(max, Math.max(min, moving ?? value));
  const text = format(moving ?? value);
  return (
    <div className="slider">
      <label htmlFor={id}>
        <span>{label}</span>
        <output htmlFor={id}>{text}</output>
      </label>
      <input
        ref={input}
        id={id}
        type="range"
        min={min}
        max={max}
        step={stepFor(shownValue, min, step)}
        value={shownValue}
        aria-valuetext={text}
        disabled={disabled}
        data-path={path}
        onChange={(e) => setMoving(Number(e.currentTarget.value))}
      />
    </div>
  );
}
