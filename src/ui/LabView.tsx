import { AssertionsPanel } from './AssertionsPanel';
import { ChartStack, type ChartMark } from './ChartStack';
import { ControlsPanel } from './ControlsPanel';
import { EnsemblePanel } from './EnsemblePanel';
import { FanoutPanel } from './FanoutPanel';
import { HysteresisPlot } from './HysteresisPlot';
import { InvariantsPanel } from './InvariantsPanel';
import { KeyControls } from './KeyControls';
import { LessonPanel } from './lesson/LessonPanel';
import { useLesson } from './lesson/useLesson';
import { NoticeBar } from './NoticeBar';
import { PresetStory } from './PresetStory';
import { AssumptionsPanel } from './AssumptionsPanel';
import { RequestFlow } from './RequestFlow';
import { RunDetails } from './RunDetails';
import { ServiceCharts } from './ServiceCharts';
import { ServiceMap } from './ServiceMap';
import { Transport } from './Transport';
import { TriggerPanel } from './TriggerPanel';
import { VerdictBanner } from './VerdictBanner';
import { currentStep } from '../state/index';

/**
 * The lab: the key controls above, the other controls beside the preset's story and stacked, time-aligned charts, the
 * verdict banner, invariants (built-in and the user's) and the request flow; with a graph of services, the service map
 * and the charts of the service picked on it.
 */
export function LabView() {
  const lessonId = useLesson((s) => s.lessonId);
  const stepIndex = useLesson((s) => s.step);
  const step = useLesson((s) => currentStep(s)?.step ?? null);
  const only = step?.show.charts;
  const h = step?.highlight;
  const mark: ChartMark | null =
    h === undefined ? null : h.target === 'band' ? { chart: h.chart, from: h.from, to: h.to, label: h.label } : h.target === 'moment' ? { chart: h.chart, from: h.at, label: h.label } : null;
  return (
    <main className="lab">
      <div className="lab-top">
        <Transport />
        {/* In a lesson the step unlocks the controls it needs, in its panel; the others wait until the learner leaves. */}
        {lessonId === null && <KeyControls />}
        <VerdictBanner />
        <NoticeBar />
      </div>
      <div className="lab-side">
        {lessonId !== null && <LessonPanel key={`${lessonId}#${stepIndex}`} />}
        {lessonId === null && <TriggerPanel />}
        {/*
          The assumptions of the preset (in a lesson, of the preset the step runs), each with Break it: beside the
          triggers, which act on the run the same way, and out of the charts' column, so the first charts stay in view.
        */}
        <AssumptionsPanel />
        {lessonId === null && <ControlsPanel />}
      </div>
      <div className="lab-main">
        {lessonId === null && <PresetStory />}
        <ServiceMap />
        {/* A service picked on the map: its charts beside the user-level ones (below them on a narrow page). */}
        <div className="chart-pair">
          <ChartStack {...(only !== undefined ? { only } : {})} mark={mark} />
          <ServiceCharts />
        </div>
        <EnsemblePanel />
        <HysteresisPlot />
        <div className="lab-lower">
          <InvariantsPanel />
          <AssertionsPanel />
          <RequestFlow />
          <FanoutPanel />
        </div>
        <RunDetails />
      </div>
    </main>
  );
}
