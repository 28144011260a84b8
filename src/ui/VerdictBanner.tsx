import { brokenAssumptions, PRESETS, storyPreset } from '../sim/format';
import { bannerFor, ensembleWords } from '../state/index';
import { useEnsemble, useEnsembleIsCurrent } from './useEnsemble';
import { useLab } from './LabContext';

const EMPTY: never[] = [];

/** How long the bad state has outlived its trigger, the recovery time, or the action that rescued the run. */
export function VerdictBanner() {
  useLab((s) => s.version);
  const series = useLab((s) => s.series);
  const binS = useLab((s) => s.binS);
  const nowS = useLab((s) => s.nowS);
  const playing = useLab((s) => s.playing);
  const summary = useLab((s) => s.summary);
  const recorded = useLab((s) => s.recorded);
  const triggers = recorded?.triggers ?? EMPTY;
  const actions = recorded?.actions ?? EMPTY;
  const done = useLab((s) => s.done);
  const stopped = useLab((s) => s.stopped);
  const report = useEnsemble((s) => s.report);
  const current = useEnsembleIsCurrent();
  const likely = report !== null && current ? ensembleWords(report) : null;
  const presetId = useLab((s) => s.presetId);
  const broken = recorded === null ? [] : brokenAssumptions(storyPreset(PRESETS, presetId, recorded), recorded).map((a) => a.text);
  const banner = bannerFor({ triggers, actions, bad: series.values('bad'), bins: series.length, binS, nowS, summary, playing, done, broken });
  return (
    <div className={`banner banner-${banner.tone}`} data-kind={banner.kind} data-seconds={banner.seconds ?? ''} role="status" aria-live="polite" aria-atomic="true">
      <p className="banner-text">{banner.text}</p>
      {likely !== null && (
        <p className="banner-ensemble" data-tone={likely.tone}>
          {likely.text}
        </p>
      )}
      {done && summary !== null && (
        <p className="banner-verdict" data-verdict={summary.verdict}>
          Run finished — verdict: <strong>{summary.verdict}</strong>
          {stopped !== null && ` (stopped early: ${stopped})`}
        </p>
      )}
    </div>
  );
}
