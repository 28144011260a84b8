import { ChartStack } from './ChartStack';
import { ControlsPanel } from './ControlsPanel';
import { FanoutPanel } from './FanoutPanel';
import { HysteresisPlot } from './HysteresisPlot';
import { InvariantsPanel } from './InvariantsPanel';
import { NoticeBar } from './NoticeBar';
import { RequestFlow } from './RequestFlow';
import { RunDetails } from './RunDetails';
import { Transport } from './Transport';
import { TriggerPanel } from './TriggerPanel';
import { VerdictBanner } from './VerdictBanner';

/** The lab: controls beside stacked, time-aligned charts, the verdict banner, invariants and the request flow. */
export function LabView() {
  return (
    <main className="lab">
      <div className="lab-top">
        <Transport />
        <VerdictBanner />
        <NoticeBar />
      </div>
      <div className="lab-side">
        <TriggerPanel />
        <ControlsPanel />
      </div>
      <div className="lab-main">
        <ChartStack />
        <HysteresisPlot />
        <div className="lab-lower">
          <InvariantsPanel />
          <RequestFlow />
          <FanoutPanel />
        </div>
        <RunDetails />
      </div>
    </main>
  );
}
