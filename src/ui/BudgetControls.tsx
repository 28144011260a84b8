import { useLab } from './LabContext';
import { Slider } from './Slider';
import { useNumber, useParam } from './useParam';

/** Each budget kind's main parameter, in its implementation's units (docs/scenario.md, "client.retry.budget"). */
const KINDS = [
  { kind: 'grpc', label: 'gRPC token bucket', path: 'client.retry.budget.ratio', title: 'Refill per success', min: 0, max: 1, step: 0.05, fallback: 0.1, format: (v: number) => `${v.toFixed(2)} tokens` },
  { kind: 'finagle', label: 'Finagle', path: 'client.retry.budget.percentCanRetry', title: 'Retries per request', min: 0, max: 1, step: 0.05, fallback: 0.2, format: (v: number) => `${v.toFixed(2)} (+ min per second)` },
  { kind: 'envoy', label: 'Envoy', path: 'client.retry.budget.budgetPercent', title: 'Budget percent', min: 0, max: 100, step: 0.1, fallback: 20, format: (v: number) => `${v.toFixed(1)} % of active` },
  { kind: 'aws', label: 'AWS SDK retry quota', path: 'client.retry.budget.retryCost', title: 'Cost per retry', min: 0, max: 50, step: 1, fallback: 5, format: (v: number) => `${v} of 500` },
  { kind: 'brooker', label: "Brooker's token bucket", path: 'client.retry.budget.deposit', title: 'Deposit per success', min: 0, max: 1, step: 0.05, fallback: 0.1, format: (v: number) => `${v.toFixed(2)} tokens` },
] as const;

/** The retry budget's kind and its main parameter, shown while a budget is on. */
export function BudgetControls() {
  const change = useLab((s) => s.change);
  const kindParam = useParam('client.retry.budget.kind');
  const spec = KINDS.find((k) => k.kind === kindParam) ?? KINDS[0];
  const value = useNumber(spec.path, spec.fallback);
  return (
    <>
      <label className="select">
        <span>Budget kind</span>
        <select value={spec.kind} data-path="client.retry.budget.kind" onChange={(e) => change({ 'client.retry.budget.kind': e.currentTarget.value })}>
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      <Slider label={spec.title} path={spec.path} value={value} min={spec.min} max={spec.max} step={spec.step} format={spec.format} onChange={(v) => change({ [spec.path]: v })} />
    </>
  );
}
