import { useId } from 'react';

/** A labelled checkbox with an optional hint. */
export function Toggle({
  label,
  checked,
  onChange,
  hint,
  path,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  path?: string;
}) {
  const id = useId();
  return (
    <div className="toggle">
      <input id={id} type="checkbox" checked={checked} data-path={path} onChange={(e) => onChange(e.currentTarget.checked)} />
      <label htmlFor={id}>
        {label}
        {hint !== undefined && <small>{hint}</small>}
      </label>
    </div>
  );
}
