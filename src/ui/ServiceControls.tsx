import { formatLatency } from '../viz/index';
import { useLab } from './LabContext';
import { Slider } from './Slider';
import { Toggle } from './Toggle';
import { useNumber, useParam } from './useParam';

const secs = (v: number) => formatLatency(v);

/**
 * The parameters of one service of a graph that a run may change (docs/scenario.md, "Graphs of services": settable
 * paths): its slots per replica, its local work, its error answers, and for each call it makes the caller's timeout
 * and retries. Each change is an action at the current simulated time, like the other controls.
 */
export function ServiceControls({ index }: { index: number }) {
  const change = useLab((s) => s.change);
  const calls = useLab((s) => s.effective?.graph?.services[index]?.calls.map((c) => c.to).join('\n') ?? '');
  const at = `graph.services.${index}`;
  const concurrencyParam = useParam(`${at}.concurrency`);
  const concurrency = typeof concurrencyParam === 'number' ? concurrencyParam : null;
  const mean = useNumber(`${at}.service.mean`, 0.1);
  const errors = useParam(`${at}.errors`);
  const errorRate = useNumber(`${at}.errors.rate`, 0.1);
  const on = (path: string) => (v: number) => change({ [path]: v });
  return (
    <details className="control-group service-controls" open>
      <summary>Controls of this service</summary>
      <Toggle label="Limited slots" hint="off: every call is served at once" path={`${at}.concurrency`} checked={concurrency !== null} onChange={(v) => change({ [`${at}.concurrency`]: v ? 10 : null })} />
      {concurrency !== null && (
        <Slider label="Slots per replica" path={`${at}.concurrency`} value={concurrency} min={1} max={200} step={1} format={(v) => `${v} ${v === 1 ? 'slot' : 'slots'}`} onChange={on(`${at}.concurrency`)} />
      )}
      <Slider label="Local work (mean)" path={`${at}.service.mean`} value={mean} min={0.001} max={1} step={0.001} format={secs} onChange={on(`${at}.service.mean`)} />
      <Toggle label="Own error answers" hint="a share of calls failed at once" path={`${at}.errors`} checked={errors !== null && errors !== undefined} onChange={(v) => change({ [`${at}.errors`]: v ? {} : null })} />
      {errors !== null && errors !== undefined && (
        <Slider label="Own error share" path={`${at}.errors.rate`} value={errorRate} min={0} max={1} step={0.01} format={(v) => `${Math.round(v * 100)}% of calls`} onChange={on(`${at}.errors.rate`)} />
      )}
      {calls !== '' && calls.split('\n').map((to, j) => <EdgeControls key={`${j}:${to}`} path={`${at}.calls.${j}`} to={to} />)}
    </details>
  );
}

/** The caller's policy on one call edge: its timeout and retries. */
function EdgeControls({ path, to }: { path: string; to: string }) {
  const change = useLab((s) => s.change);
  const timeoutParam = useParam(`${path}.timeout`);
  const timeout = typeof timeoutParam === 'number' ? timeoutParam : null;
  const retries = useNumber(`${path}.retry.maxRetries`, 0);
  return (
    <fieldset className="edge-controls">
      <legend>Calls to {to}</legend>
      <Toggle label={`Timeout on calls to ${to}`} path={`${path}.timeout`} checked={timeout !== null} onChange={(v) => change({ [`${path}.timeout`]: v ? 1 : null })} />
      {timeout !== null && (
        <Slider label={`Timeout to ${to}`} path={`${path}.timeout`} value={timeout} min={0.01} max={10} step={0.01} format={secs} onChange={(v) => change({ [`${path}.timeout`]: v })} />
      )}
      <Slider
        label={`Retries to ${to}`}
        path={`${path}.retry.maxRetries`}
        value={retries}
        min={0}
        max={10}
        step={1}
        format={(v) => `${v} ${v === 1 ? 'retry' : 'retries'}`}
        onChange={(v) => change({ [`${path}.retry.maxRetries`]: v })}
      />
    </fieldset>
  );
}
