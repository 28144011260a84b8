import { useMemo } from 'react';
import { serviceCharts, ServiceSeriesSource, timeScale, timeWindow } from '../viz/index';
import { Chart, MARGIN } from './Chart';
import { WINDOW_S } from './ChartStack';
import { useLab } from './LabContext';
import { ServiceControls } from './ServiceControls';
import { useWidth } from './useWidth';

const CHART_HEIGHT = 104;
const EMPTY: never[] = [];

/**
 * The service picked on the service map: its controls, and its charts on the same time window as the user-level
 * charts: its calls (arrivals, goodput, errors, timeouts), queue, utilisation, time at the service and calls per user
 * request. Nothing when none is picked.
 */
export function ServiceCharts() {
  const name = useLab((s) => s.selectedService);
  // The service must be in the run's graph (a new run may not have it).
  const shown = useLab((s) => s.selectedService !== null && s.serviceSeries.indexOf(s.selectedService) >= 0);
  return name !== null && shown ? <ServiceChartsOf key={name} name={name} /> : null;
}

function ServiceChartsOf({ name }: { name: string }) {
  const buffer = useLab((s) => s.serviceSeries);
  const version = useLab((s) => s.version);
  const binS = useLab((s) => s.binS);
  const durationS = useLab((s) => s.durationS);
  const nowS = useLab((s) => s.nowS);
  const theme = useLab((s) => s.theme);
  const cursorS = useLab((s) => s.cursorS);
  const scrubS = useLab((s) => s.scrubS);
  const triggers = useLab((s) => s.recorded?.triggers ?? EMPTY);
  const actions = useLab((s) => s.recorded?.actions ?? EMPTY);
  const select = useLab((s) => s.selectService);
  const [ref, width] = useWidth(500);
  const index = buffer.indexOf(name);
  const graphIndex = useLab((s) => s.effective?.graph?.services.findIndex((x) => x.name === name) ?? -1);
  const source = useMemo(() => new ServiceSeriesSource((metric, i) => buffer.at(i, index, metric)), [buffer, index]);
  const defs = useMemo(() => serviceCharts(name), [name]);
  const domain = timeWindow(durationS > 0 ? durationS : 1, scrubS ?? nowS, WINDOW_S);
  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const [d0, d1] = domain;
  const x = useMemo(() => timeScale([d0, d1], plotW), [d0, d1, plotW]);

  const bins = buffer.length;
  const from = Math.max(0, Math.floor(d0 / binS));
  const to = Math.min(bins, Math.ceil(d1 / binS) + 1);
  const readS = cursorS ?? scrubS;
  const readoutBin = readS === null ? bins - 1 : Math.min(bins - 1, Math.max(0, Math.floor(readS / binS)));
  return (
    <section className="panel service-charts" aria-labelledby="service-charts-heading" data-service={name}>
      <div className="service-charts-head">
        <h2 id="service-charts-heading">Service {name}</h2>
        <button type="button" className="link" onClick={() => select(null)}>
          Close
        </button>
      </div>
      <ServiceControls index={graphIndex} />
      <div ref={ref} className="chart-stack">
        {defs.map((def) => (
          <div key={def.id} className="chart-slot">
            <Chart
              def={def}
              source={source}
              x={x}
              from={from}
              to={to}
              binS={binS}
              width={width}
              height={CHART_HEIGHT}
              theme={theme}
              version={version}
              readoutBin={readoutBin}
              cursorS={readS}
              triggers={triggers}
              actions={actions}
              refLine={null}
            />
          </div>
        ))}
      </div>
    </section>
  );
}
