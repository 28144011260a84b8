import { expectationWords } from '../state/index';
import { useLab } from './LabContext';
import { useEnsemble, useEnsembleIsCurrent } from './useEnsemble';

/** The preset's story and what to watch, next to the charts it talks about. */
export function PresetStory() {
  const presets = useLab((s) => s.presets);
  const presetId = useLab((s) => s.presetId);
  const preset = presets.find((p) => p.id === presetId);
  const report = useEnsemble((s) => s.report);
  const current = useEnsembleIsCurrent();
  if (preset === undefined) return null;
  const likely = report !== null && current ? expectationWords(preset.expected, report) : null;
  return (
    <section className="panel story" aria-labelledby="story-heading">
      <h2 id="story-heading">{preset.title}</h2>
      <p>{preset.story}</p>
      <p>
        <strong>Watch:</strong> {preset.watch}
      </p>
      {likely !== null && <p className="story-ensemble">{likely}</p>}
    </section>
  );
}
