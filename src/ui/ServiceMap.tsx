import { useMemo } from 'react';
import type { ServiceMetric } from '../sim/format';
import { layoutServiceMap, MAP_SIZES, replicaMarks, serviceHeat, type MapEdge, type MapNode, type ReplicaMark } from '../viz/index';
import { useLab } from './LabContext';

const MAX_SQUARES = 12;
const EMPTY: never[] = [];

/** What a replica's mark says, in words. */
const MARK_WORDS: Record<ReplicaMark, string> = { outage: 'down', errors: 'failing calls', capacity: 'slowed' };

/** The figures a node shows, in order: what it reads, and how. */
const FIGURES: { metric: ServiceMetric; label: string; format: (v: number) => string }[] = [
  { metric: 'utilisation', label: 'busy', format: (v) => `${Math.round(v * 100)}%` },
  { metric: 'queue', label: 'queue', format: (v) => v.toFixed(v < 10 ? 1 : 0) },
  { metric: 'errors', label: 'errors', format: (v) => `${v.toFixed(v < 10 ? 1 : 0)}/s` },
  { metric: 'arrivals', label: 'calls in', format: (v) => `${v.toFixed(v < 10 ? 1 : 0)}/s` },
];

/**
 * A graph run's services as a map: the users, then each service in a column by its depth from the entry, with its
 * replicas and its figures at the readout time (the last closed bin, or the time under the pointer or scrubbed
 * back to); arrows for the calls, labelled with their count and retries. A node is a button: it shows the
 * service's charts beside the user-level ones. Nothing shows for a one-server run.
 */
export function ServiceMap() {
  const graph = useLab((s) => s.effective?.graph ?? null);
  const userRetries = useLab((s) => s.effective?.client.retry.maxRetries ?? 0);
  const buffer = useLab((s) => s.serviceSeries);
  // Re-read the figures when new bins arrive (the buffer changes in place).
  useLab((s) => s.version);
  const binS = useLab((s) => s.binS);
  const readS = useLab((s) => s.cursorS ?? s.scrubS);
  const nowS = useLab((s) => s.nowS);
  const triggers = useLab((s) => s.recorded?.triggers ?? EMPTY);
  const selected = useLab((s) => s.selectedService);
  const select = useLab((s) => s.selectService);
  const layout = useMemo(() => (graph === null ? null : layoutServiceMap(graph, userRetries)), [graph, userRetries]);
  if (graph === null || layout === null) return null;

  const bins = buffer.length;
  const bin = readS === null ? bins - 1 : Math.min(bins - 1, Math.max(0, Math.floor(readS / binS)));
  const names = graph.services.map((s) => s.name);
  const nameOf = (i: number) => names[i] ?? '?';
  return (
    <section className="panel service-map" aria-labelledby="service-map-heading">
      <h2 id="service-map-heading">Service map</h2>
      <p className="hint service-map-when">
        {bin < 0 ? 'Figures once the first bin closes.' : `Figures over the bin ending at ${Math.round((bin + 1) * binS)} s${readS === null ? ' (the last closed)' : ''}.`} Pick a service for its charts.
      </p>
      <div className="service-map-scroll">
        <div className="service-map-canvas" style={{ width: layout.width, height: layout.height }}>
          <svg className="service-map-edges" width={layout.width} height={layout.height} aria-hidden="true">
            <defs>
              <marker id="service-map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" className="service-map-arrowhead" />
              </marker>
            </defs>
            {layout.edges.map((e) => (
              <EdgeArrow key={`${e.from}-${e.to}-${e.y1}`} edge={e} />
            ))}
          </svg>
          <div className="service-map-users" style={{ left: layout.users.x, top: layout.users.y, width: layout.users.w, height: layout.users.h }}>
            Users
          </div>
          {layout.nodes.map((n) => (
            <ServiceNode
              key={n.name}
              node={n}
              figures={bin < 0 ? null : buffer.figures(bin, buffer.indexOf(n.name))}
              marks={replicaMarks(triggers, n.name, names[0] ?? '', n.replicas, readS ?? nowS)}
              selected={selected === n.name}
              onSelect={() => select(selected === n.name ? null : n.name)}
            />
          ))}
        </div>
      </div>
      <ul className="visually-hidden" aria-label="Calls between services">
        {layout.edges.map((e) => (
          <li key={`${e.from}-${e.to}-${e.y1}`}>
            {e.from < 0 ? 'The users call' : `${nameOf(e.from)} calls`} {nameOf(e.to)} {e.label}
          </li>
        ))}
      </ul>
    </section>
  );
}

function EdgeArrow({ edge }: { edge: MapEdge }) {
  const { x1, y1, x2, y2, over } = edge;
  const mx = (x1 + x2) / 2;
  // A gentle S-curve, so arrows into one box from several heights stay apart; a call that skips a column rises to
  // `over` within the gap after its caller, runs above the boxes between, and comes down within the gap before its callee.
  const g = MAP_SIZES.columnGap / 2;
  const d =
    over === null
      ? `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2 - 1} ${y2}`
      : `M ${x1} ${y1} C ${x1 + g / 2} ${y1}, ${x1 + g / 2} ${over}, ${x1 + g} ${over} L ${x2 - g} ${over} C ${x2 - g / 2} ${over}, ${x2 - g / 2} ${y2}, ${x2 - 1} ${y2}`;
  const labelY = over === null ? (y1 + y2) / 2 - 5 : over - 5;
  return (
    <g className="service-map-edge" data-from={edge.from} data-to={edge.to}>
      <path d={d} fill="none" markerEnd="url(#service-map-arrow)" />
      <text x={mx} y={labelY} textAnchor="middle">
        {edge.label}
      </text>
    </g>
  );
}

function ServiceNode(props: { node: MapNode; figures: Record<ServiceMetric, number> | null; marks: (ReplicaMark | null)[]; selected: boolean; onSelect: () => void }) {
  const { node, figures, marks, selected, onSelect } = props;
  // The triggers in force on its replicas, in words: "replica 2 down", "all 3 replicas failing calls".
  const marked = (Object.keys(MARK_WORDS) as ReplicaMark[]).flatMap((mark) => {
    const hit = marks.flatMap((m, r) => (m === mark ? [r] : []));
    if (hit.length === 0) return [];
    const who = hit.length === node.replicas ? (node.replicas === 1 ? 'the replica' : `all ${node.replicas} replicas`) : `replica${hit.length === 1 ? '' : 's'} ${hit.join(', ')}`;
    return [`${who} ${MARK_WORDS[mark]}`];
  });
  const heat = figures === null ? { hot: false, reason: null } : serviceHeat(figures.utilisation, figures.errors);
  const squares = Math.min(node.replicas, MAX_SQUARES);
  return (
    <button
      type="button"
      className={`service-node${heat.hot ? ' hot' : ''}`}
      data-service={node.name}
      data-hot={heat.hot ? 'yes' : 'no'}
      data-marks={marks.map((m) => m ?? '-').join(' ')}
      aria-pressed={selected}
      style={{ left: node.x, top: node.y, width: node.w, height: node.h }}
      onClick={onSelect}
    >
      <span className="service-node-head">
        <span className="service-node-name">{node.name}</span>
        <span className="service-node-replicas" title={`${node.replicas} replica${node.replicas === 1 ? '' : 's'}`}>
          <span aria-hidden="true">
            {Array.from({ length: squares }, (_, i) => (
              <span key={i} className={`replica-square${marks[i] != null ? ` replica-${marks[i]}` : ''}`} />
            ))}
            {node.replicas > squares && <span className="replica-more">+{node.replicas - squares}</span>}
          </span>
          <span className="visually-hidden">
            , {node.replicas} replica{node.replicas === 1 ? '' : 's'}
            {marked.length > 0 && `: ${marked.join('; ')}`}
          </span>
        </span>
      </span>
      <span className="service-node-hot">{heat.reason !== null ? `Hot: ${heat.reason}` : ' '}</span>
      {FIGURES.map((f) => {
        const v = figures?.[f.metric] ?? NaN;
        return (
          <span key={f.metric} className="service-node-figure" data-metric={f.metric} data-value={Number.isFinite(v) ? v : ''}>
            <span className="figure-label">{f.label}</span> <span className="figure-value">{Number.isFinite(v) ? f.format(v) : '—'}</span>
            <span className="visually-hidden">;</span>
          </span>
        );
      })}
    </button>
  );
}
