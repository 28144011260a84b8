import { useId } from 'react';

export interface SliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  /** The value with its unit, shown and announced: "280 req/s". */
  format: (value: number) => string;
  onChange: (value: number) => void;
  disabled?: boolean;
  /** For tests and the e2e: the scenario path it drives. */
  path?: string;
}

/**
 * The step the input needs to hold `value` exactly: `step`, or a tenth, a hundredth… of it when the value lies
 * between its marks (a phase-map cell, a link, a typed scenario), since a range input moves such a value to the nearest
 * mark and would show one value while the run uses another.
 */
export function stepFor(value: number, min: number, step: number): number | 'any' {
  for (const divisor of [1, 2, 4, 5, 10, 20, 50, 100, 1000]) {
    const s = step / divisor;
    const n = (value - min) / s;
    if (Math.abs(n - Math.round(n)) < 1e-9 * Math.max(1, Math.abs(n))) return s;
  }
  return 'any';
}

/** A labelled range input with its live value and unit; keyboard-operable, announces the value with `aria-valuetext`. */
export function Slider({ label, value, min, max, step, format, onChange, disabled = false, path }: SliderProps) {
  const id = useId();
  const text = format(value);
  return (
    <div className="slider">
      <label htmlFor={id}>
        <span>{label}</span>
        <output htmlFor={id}>{text}</output>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={stepFor(Math.min(max, Math.max(min, value)), min, step)}
        value={Math.min(max, Math.max(min, value))}
        aria-valuetext={text}
        disabled={disabled}
        data-path={path}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
      />
    </div>
  );
}
