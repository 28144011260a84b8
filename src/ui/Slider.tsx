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
        step={step}
        value={Math.min(max, Math.max(min, value))}
        aria-valuetext={text}
        disabled={disabled}
        data-path={path}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
      />
    </div>
  );
}
