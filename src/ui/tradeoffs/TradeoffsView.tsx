import { useState } from 'react';
import { frontierOf, TRADEOFF_MEASURES, type CureId, type TradeoffMeasureKey } from '../../sim/format';
import { MAX_VIEW_SEEDS } from '../../state/index';
import { useCommands } from '../AppContext';
import { useLab } from '../LabContext';
import { TradeoffChart } from './TradeoffChart';
import { useTradeoffs, useTradeoffsStore } from './TradeoffsContext';
import { CHART_COSTS, formatMeasure } from './tradeoffText';

/**
 * Every cure that applies to the lab's scenario, and each pair, on the same seeds: what each buys (goodput, stuck
 * share, recovery) beside what it costs (docs/model.md, "Cost measures"), as a chart and a table. `sim tradeoffs`
 * prints the same rows.
 */
export function TradeoffsView() {
  const store = useTradeoffsStore();
  const commands = useCommands();
  const recorded = useLab((s) => s.recorded);
  const status = useTradeoffs((s) => s.status);
  const message = useTradeoffs((s) => s.message);
  const pairs = useTradeoffs((s) => s.pairs);
  const seeds = useTradeoffs((s) => s.seeds);
  const rows = useTradeoffs((s) => s.rows);
  const configs = useTradeoffs((s) => s.configs);
  const completed = useTradeoffs((s) => s.completed);
  const total = useTradeoffs((s) => s.total);
  const [cost, setCost] = useState<TradeoffMeasureKey>('amplification');
  const frontier = frontierOf(rows, cost);
  const running = status === 'running';
  return (
    <section className="tradeoffs-view" aria-labelledby="tradeoffs-title">
      <h2 id="tradeoffs-title">Tradeoffs</h2>
      <p className="hint">
        The lab’s scenario as it stands (the baseline), with every cure that applies and with each pair, each on the same seeds: once as
        given, and once under a transient failure (an outage of 1.5 client timeouts at a quarter of the load) to count the successes
        a cure gives up where it was not needed. Each figure is a mean over the seeds. <code>npm run -s sim -- tradeoffs &lt;scenario&gt;</code> prints the same rows.
      </p>
      <div className="tradeoffs-form">
        <label className="toggle-line">
          <input type="checkbox" checked={pairs} disabled={running} onChange={(e) => store.getState().setPairs(e.currentTarget.checked)} />
          each pair of cures too
        </label>
        <label className="number">
          <span>Seeds (1 to {MAX_VIEW_SEEDS})</span>
          <input type="number" min={1} max={MAX_VIEW_SEEDS} step={1} value={seeds.length} disabled={running} onChange={(e) => store.getState().setSeedCount(Number(e.currentTarget.value) || 1)} />
        </label>
        <button type="button" disabled={running || recorded === null} onClick={() => commands.runTradeoffs()}>
          Run tradeoffs
        </button>
        <button type="button" disabled={!running} onClick={() => store.getState().cancel()}>
          Cancel
        </button>
        {total > 0 && (
          <span className="tradeoffs-progress">
            <progress max={total} value={completed} aria-label="Runs finished" />
            <span data-status={status}>
              {completed} of {total} runs{status === 'cancelled' ? ' — cancelled' : status === 'done' ? ' — done' : ''}
            </span>
          </span>
        )}
      </div>
      {message !== null && (
        <p className="problem" role="alert">
          {message}
        </p>
      )}
      {rows.length > 0 && (
        <>
          <label className="number tradeoffs-cost">
            <span>Cost on the chart</span>
            <select value={cost} onChange={(e) => setCost(e.currentTarget.value as TradeoffMeasureKey)}>
              {CHART_COSTS.map((k) => (
                <option key={k} value={k}>
                  {TRADEOFF_MEASURES.find((m) => m.key === k)!.label}
                </option>
              ))}
            </select>
          </label>
          <TradeoffChart rows={rows} cost={cost} frontier={frontier} />
          <div className="tradeoffs-table-wrap">
            <table className="tradeoffs-table">
              <caption>Benefit and costs per configuration, means over {seeds.length} seeds; ◆ marks the frontier for the chart’s cost</caption>
              <thead>
                <tr>
                  <th scope="col">Configuration</th>
                  <th scope="col">Recovered</th>
                  {TRADEOFF_MEASURES.map((m) => (
                    <th scope="col" key={m.key}>
                      {m.label}
                    </th>
                  ))}
                  <th scope="col">Open</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => {
                  const cures = configs[i]?.cures ?? [];
                  return (
                    <tr key={row.id} data-config={row.id} data-frontier={frontier.has(row.id) ? 'yes' : 'no'}>
                      <th scope="row">
                        {frontier.has(row.id) && <span aria-label="on the frontier">◆ </span>}
                        {row.label}
                      </th>
                      <td>{row.runs === 0 ? '…' : `${row.recovered}/${row.runs}`}</td>
                      {TRADEOFF_MEASURES.map((m) => (
                        <td key={m.key} data-measure={m.key}>
                          {formatMeasure(m.unit, row[m.key])}
                        </td>
                      ))}
                      <td className="open-buttons">
                        <button type="button" disabled={running} onClick={() => void commands.openConfigInLab(row.id)} aria-label={`Open ${row.label} in the lab`}>
                          Lab
                        </button>
                        {cures.length > 0 && (
                          <button
                            type="button"
                            disabled={running}
                            onClick={() => void commands.openTradeoff(cures[0] as CureId, cures[1])}
                            aria-label={`Compare ${row.label} against the baseline`}
                          >
                            Compare
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
