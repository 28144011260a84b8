import { useLab } from './LabContext';
import { Slider } from './Slider';
import { useNumber, useParam } from './useParam';

type Policy = 'none' | 'immediate' | 'exponential' | 'jitter';

const POLICY_LABEL: Record<Policy, string> = {
  none: 'None',
  immediate: 'Immediate',
  exponential: 'Exponential',
  jitter: 'Exponential + jitter',
};

const perS = (v: number) => `${v} req/s`;

export function RetryPolicy() {
  const change = useLab((s) => s.change);
  const maxRetries = useNumber('client.retry.maxRetries', 0);
  const backoff = useParam('client.retry.backoff');
  const jitter = useParam('client.retry.jitter');
  const policy: Policy = maxRetries === 0 ? 'none' : backoff !== 'exponential' ? 'immediate' : jitter === 'none' ? 'exponential' : 'jitter';
  const pick = (next: Policy) => {
    const retries = Math.max(1, maxRetries);
    switch (next) {
      case 'none':
        return change({ 'client.retry.maxRetries': 0 });
      case 'immediate':
        return change({ 'client.retry.maxRetries': retries, 'client.retry.backoff': 'none', 'client.retry.jitter': 'none' });
      case 'exponential':
        return change({ 'client.retry.maxRetries': retries, 'client.retry.backoff': 'exponential', 'client.retry.jitter': 'none' });
      case 'jitter':
        return change({ 'client.retry.maxRetries': retries, 'client.retry.backoff': 'exponential', 'client.retry.jitter': 'full' });
    }
  };
  return (
    <fieldset className="radios">
      <legend>Retry policy</legend>
      {(Object.keys(POLICY_LABEL) as Policy[]).map((p) => (
        <label key={p}>
          <input type="radio" name="retry-policy" value={p} checked={policy === p} onChange={() => pick(p)} />
          {POLICY_LABEL[p]}
        </label>
      ))}
    </fieldset>
  );
}

/** The cache's hit rate, always on screen: moving it above zero puts a cache in; the box beside it takes the cache out. */
function CacheControl() {
  const change = useLab((s) => s.change);
  const cache = useParam('cache');
  const hitRateParam = useParam('cache.hitRate');
  const on = cache !== null && cache !== undefined;
  // Just switched on, the draft holds the whole cache object until the worker confirms it.
  const drafted = typeof cache === 'object' && cache !== null ? (cache as { hitRate?: unknown }).hitRate : undefined;
  const hitRate = !on ? 0 : typeof hitRateParam === 'number' ? hitRateParam : typeof drafted === 'number' ? drafted : 0.9;
  const set = (v: number) => {
    if (on) change({ 'cache.hitRate': v });
    else if (v > 0) change({ cache: { hitRate: v } });
  };
  return (
    <div className="cache-control">
      <Slider label="Cache hit rate" path="cache.hitRate" value={hitRate} min={0} max={0.99} step={0.01} format={(v) => (on ? `${Math.round(v * 100)}%` : 'no cache')} onChange={set} />
      <label className="cache-switch">
        <input type="checkbox" checked={on} data-path="cache" onChange={(e) => change({ cache: e.currentTarget.checked ? {} : null })} />
        Look-aside cache
      </label>
    </div>
  );
}

/**
 * The three controls the lab is about — load, retries, cache — in one row above the charts (a dock at the bottom on a
 * phone); a graph of services has no cache to show.
 */
export function KeyControls() {
  const change = useLab((s) => s.change);
  const ready = useLab((s) => s.effective !== null);
  const rate = useNumber('load.rate', 0);
  // A graph of services has no cache (cache must be null with a graph).
  const graph = useLab((s) => s.effective?.graph != null);
  if (!ready) return null;
  return (
    <section className="panel controls key-controls" aria-label="Load, retries and cache">
      <Slider label="Offered load" path="load.rate" value={rate} min={0} max={1000} step={10} format={perS} onChange={(v) => change({ 'load.rate': v })} />
      <RetryPolicy />
      {!graph && <CacheControl />}
    </section>
  );
}
