import type { MapGraph } from '../viz/index';

/** Where a trigger hits in a graph of services: a service by name and one replica by index, or all (null). */
export interface TriggerTargetValue {
  service: string;
  replica: number | null;
}

/** The target as it stands for `graph`: a service the graph no longer has falls back to the entry, a replica past the last to all. */
export function targetIn(graph: MapGraph, value: TriggerTargetValue): TriggerTargetValue {
  const node = graph.services.find((s) => s.name === value.service) ?? graph.services[0];
  if (node === undefined) return { service: value.service, replica: null };
  return { service: node.name, replica: value.replica !== null && value.replica < node.replicas ? value.replica : null };
}

/** The Service and Replica selects of the trigger panel, shown for a graph of services. */
export function TriggerTarget({ graph, value, onChange }: { graph: MapGraph; value: TriggerTargetValue; onChange: (value: TriggerTargetValue) => void }) {
  const target = targetIn(graph, value);
  const replicas = graph.services.find((s) => s.name === target.service)?.replicas ?? 1;
  return (
    <>
      <label className="select">
        <span>Service</span>
        <select value={target.service} onChange={(e) => onChange({ service: e.currentTarget.value, replica: null })}>
          {graph.services.map((s, i) => (
            <option key={s.name} value={s.name}>
              {s.name}
              {i === 0 ? ' (entry)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="select">
        <span>Replica</span>
        <select
          value={target.replica === null ? 'all' : String(target.replica)}
          onChange={(e) => onChange({ service: target.service, replica: e.currentTarget.value === 'all' ? null : Number(e.currentTarget.value) })}
        >
          <option value="all">All {replicas === 1 ? '(one)' : `${replicas}`}</option>
          {replicas > 1 &&
            Array.from({ length: replicas }, (_, i) => (
              <option key={i} value={String(i)}>
                Replica {i}
              </option>
            ))}
        </select>
      </label>
    </>
  );
}
