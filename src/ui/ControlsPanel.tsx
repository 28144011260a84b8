import { formatLatency } from '../viz/index';
import { BudgetControls } from './BudgetControls';
import { useLab } from './LabContext';
import { Slider } from './Slider';
import { Toggle } from './Toggle';
import { useNumber, useParam } from './useParam';

const secs = (v: number) => formatLatency(v);

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <details className="control-group" open>
      <summary>{title}</summary>
      {children}
    </details>
  );
}

/** The parameters a user can change mid-run; each change is applied at the current simulated time and recorded. */
export function ControlsPanel() {
  const change = useLab((s) => s.change);
  const ready = useLab((s) => s.effective !== null);
  const timeoutParam = useParam('client.timeout');
  const timeout = typeof timeoutParam === 'number' ? timeoutParam : null;
  const maxRetries = useNumber('client.retry.maxRetries', 0);
  const base = useNumber('client.retry.base', 0.05);
  const backoff = useParam('client.retry.backoff');
  const budget = useParam('client.retry.budget');
  const concurrencyParam = useParam('server.concurrency');
  const concurrency = typeof concurrencyParam === 'number' ? concurrencyParam : null;
  const mean = useNumber('server.service.mean', 0.1);
  const limit = useParam('server.queue.limit');
  const discipline = useParam('server.queue.discipline');
  const errors = useParam('server.errors');
  const errorRate = useNumber('server.errors.rate', 0.1);
  const on = (path: string) => (v: number) => change({ [path]: v });
  // A graph's services replace the one server (its `server` section is ignored): their controls are with their charts.
  const graph = useLab((s) => s.effective?.graph != null);

  if (!ready) return <section className="panel controls" aria-label="Controls" />;
  return (
    <section className="panel controls" aria-labelledby="controls-heading">
      <h2 id="controls-heading">Controls</h2>
      <p className="hint">
        {graph ? 'Load and retry policy are' : 'Load, retry policy and cache are'} above the charts. Changes take effect at the current simulated time and are marked on the
        charts.
      </p>
      <Section title="Client">
        <Toggle label="Client timeout" hint="off: clients wait as long as it takes" path="client.timeout" checked={timeout !== null} onChange={(v) => change({ 'client.timeout': v ? 1 : null })} />
        {timeout !== null && <Slider label="Timeout" path="client.timeout" value={timeout} min={0.1} max={10} step={0.1} format={secs} onChange={on('client.timeout')} />}
        <Slider label="Max retries" path="client.retry.maxRetries" value={maxRetries} min={0} max={10} step={1} format={(v) => `${v} ${v === 1 ? 'retry' : 'retries'}`} onChange={on('client.retry.maxRetries')} />
        <Slider label="Base backoff delay" path="client.retry.base" value={base} min={0.01} max={2} step={0.01} format={secs} onChange={on('client.retry.base')} disabled={backoff === 'none'} />
        <Toggle label="Retry budget" hint="refuses retries when too many fail, by the rule of the implementation chosen" path="client.retry.budget" checked={budget !== null && budget !== undefined} onChange={(v) => change({ 'client.retry.budget': v ? {} : null })} />
        {budget !== null && budget !== undefined && <BudgetControls />}
      </Section>
      {graph && (
        <p className="hint graph-controls-hint">
          This scenario is a graph of services: the client is the users&apos; edge to the entry; each service&apos;s own controls show with its charts when you pick it on the
          service map.
        </p>
      )}
      {!graph && (
        <Section title="Server">
          <Toggle label="Limited concurrency" hint="off: every request is served at once" path="server.concurrency" checked={concurrency !== null} onChange={(v) => change({ 'server.concurrency': v ? 30 : null })} />
          {concurrency !== null && (
            <Slider label="Concurrency" path="server.concurrency" value={concurrency} min={1} max={200} step={1} format={(v) => `${v} ${v === 1 ? 'slot' : 'slots'}`} onChange={on('server.concurrency')} />
          )}
          <Slider label="Mean service time" path="server.service.mean" value={mean} min={0.01} max={1} step={0.01} format={secs} onChange={on('server.service.mean')} />
          <Toggle label="Bounded queue" path="server.queue.limit" checked={typeof limit === 'number'} onChange={(v) => change({ 'server.queue.limit': v ? 300 : null })} />
          {typeof limit === 'number' && (
            <Slider label="Queue limit" path="server.queue.limit" value={limit} min={0} max={5000} step={10} format={(v) => `${v} waiting`} onChange={on('server.queue.limit')} />
          )}
          <Toggle label="Error answers" hint="a share of calls answered with an error at once" path="server.errors" checked={errors !== null && errors !== undefined} onChange={(v) => change({ 'server.errors': v ? {} : null })} />
          {errors !== null && errors !== undefined && (
            <Slider label="Error share" path="server.errors.rate" value={errorRate} min={0} max={1} step={0.01} format={(v) => `${Math.round(v * 100)}% of calls`} onChange={on('server.errors.rate')} />
          )}
          <label className="select">
            <span>Queue discipline</span>
            <select value={String(discipline)} data-path="server.queue.discipline" onChange={(e) => change({ 'server.queue.discipline': e.currentTarget.value })}>
              <option value="fifo">FIFO</option>
              <option value="lifo">LIFO</option>
              <option value="adaptive-lifo">Adaptive LIFO</option>
            </select>
          </label>
        </Section>
      )}
      <Cures graph={graph} />
    </section>
  );
}

/** The cures of the client (the users' edge in a graph) and, with one server, of the server. */
function Cures({ graph }: { graph: boolean }) {
  const change = useLab((s) => s.change);
  const codel = useParam('server.queue.codel');
  const dropExpired = useParam('server.dropExpired') === true;
  const cancel = useParam('server.cancelOnTimeout') === true;
  const breaker = useParam('client.breaker');
  const throttle = useParam('client.throttle');
  const admission = useParam('client.admission');
  const rateLimit = useParam('client.rateLimit');
  const autoscale = useParam('server.autoscale');
  const bulkhead = useParam('client.bulkhead');
  const kindOf = (l: unknown) => (typeof l === 'object' && l !== null && 'kind' in l ? String(l.kind) : 'none');
  const limiterKind = kindOf(useParam('server.limiter'));
  const clientLimiterKind = kindOf(useParam('client.limiter'));
  const isOn = (v: unknown) => v !== null && v !== undefined;
  return (
    <Section title="Cures">
      {!graph && (
        <>
          <Toggle label="CoDel" hint="drop requests that queued too long while the queue stands" path="server.queue.codel" checked={isOn(codel)} onChange={(v) => change({ 'server.queue.codel': v ? {} : null })} />
          <Toggle label="Drop expired requests" hint="skip queued requests whose client gave up" path="server.dropExpired" checked={dropExpired} onChange={(v) => change({ 'server.dropExpired': v })} />
          <Toggle label="Cancel on timeout" hint="deadline propagation: stop work the client abandoned" path="server.cancelOnTimeout" checked={cancel} onChange={(v) => change({ 'server.cancelOnTimeout': v })} />
        </>
      )}
      <Toggle label="Circuit breaker" path="client.breaker" checked={isOn(breaker)} onChange={(v) => change({ 'client.breaker': v ? {} : null })} />
      <Toggle label="Adaptive throttling" hint="clients reject locally when the server refuses" path="client.throttle" checked={isOn(throttle)} onChange={(v) => change({ 'client.throttle': v ? {} : null })} />
      <Toggle
        label="Admission control"
        hint="Envoy's filter: reject new requests as the success rate falls below 95 %"
        path="client.admission"
        checked={isOn(admission)}
        onChange={(v) => change({ 'client.admission': v ? {} : null })}
      />
      <Toggle label="Rate limit" hint="a token bucket on every attempt: 100/s, bursts of 100" path="client.rateLimit" checked={isOn(rateLimit)} onChange={(v) => change({ 'client.rateLimit': v ? {} : null })} />
      <Toggle label="Bulkhead" hint="resilience4j's semaphore bulkhead: at most 25 attempts in flight, no wait" path="client.bulkhead" checked={isOn(bulkhead)} onChange={(v) => change({ 'client.bulkhead': v ? {} : null })} />
      {!graph && (
        <>
          <Toggle label="Autoscaling" hint="adds slots after a delay while utilisation stays high" path="server.autoscale" checked={isOn(autoscale)} onChange={(v) => change({ 'server.autoscale': v ? {} : null })} />
          <label className="select" title="an adaptive concurrency limit in front of the queue (Netflix concurrency-limits, its defaults)">
            <span>Concurrency limiter</span>
            <select value={limiterKind} data-path="server.limiter" onChange={(e) => change({ 'server.limiter': e.currentTarget.value === 'none' ? null : { kind: e.currentTarget.value } })}>
              <option value="none">None</option>
              <option value="aimd">AIMD</option>
              <option value="vegas">Vegas</option>
              <option value="gradient2">Gradient2</option>
            </select>
          </label>
        </>
      )}
      <label className="select" title="an adaptive concurrency limit on the client's attempts in flight (Netflix concurrency-limits, its defaults)">
        <span>Client limiter</span>
        <select value={clientLimiterKind} data-path="client.limiter" onChange={(e) => change({ 'client.limiter': e.currentTarget.value === 'none' ? null : { kind: e.currentTarget.value } })}>
          <option value="none">None</option>
          <option value="aimd">AIMD</option>
          <option value="vegas">Vegas</option>
          <option value="gradient2">Gradient2</option>
        </select>
      </label>
    </Section>
  );
}
