import { ChartStack } from './ChartStack';
import { ControlsPanel } from './ControlsPanel';
import { FanoutPanel } from './FanoutPanel';
import { HysteresisPlot } from './HysteresisPlot';
import { InvariantsPanel } from './InvariantsPanel';
import { KeyControls } from './KeyControls';
import { NoticeBar } from './NoticeBar';
import { PresetStory } from './PresetStory';
import { AssumptionsPanel } from './AssumptionsPanel';
import { RequestFlow } from './RequestFlow';
import { RunDetails } from './RunDetails';
import { Transport } from './Transport';
import { TriggerPanel } from './TriggerPanel';
import { VerdictBanner } from './VerdictBanner';

/** The lab: the key controls above, the other controls beside the preset's story and stacked, time-aligned charts, the verdict banner, invariants and the request flow. */
export function LabView() {
  return (
    <main className="lab">
      <div className="lab-top">
        <Transport />
        <KeyControls />
        <VerdictBanner />
        <NoticeBar />
      </div>
      <div className="lab-side">
        <TriggerPanel />
        <ControlsPanel />
      </div>
      <div className="lab-main">
        <PresetStory />
        <AssumptionsPanel />
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
