import thumbnails from 'virtual:preset-thumbnails';
import { useLab, useLabStore } from '../LabContext';
import { Thumbnail } from './Thumbnail';

/** The lessons of the product, by number: each preset teaches one. */
const LESSONS: Record<number, string> = {
  1: 'Metastable failure',
  2: 'Breaking the loop',
  3: 'Backoff does not cure sustained overload',
  4: 'Tail latency dominates',
  5: 'Goodput, not throughput',
  6: 'Queues defer pain',
  7: 'Cache is a lie you agree to believe',
  8: 'Partitioning and the hot shard',
  9: 'Invariants, asserted continuously',
};

const VERDICTS: Record<string, string> = {
  stable: 'stays stable',
  recovered: 'recovers',
  metastable: 'stays stuck (metastable)',
  overloaded: 'overloaded from the start',
  unresolved: 'unresolved',
};

/** The story's first sentence, for the card (the lab's details show it whole). */
export function firstSentence(text: string): string {
  const end = text.search(/[.!?](\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}

const byId = new Map(thumbnails.map((t) => [t.id, t]));

/** One card per preset: its lesson, story, what to watch and a thumbnail of a real run; opening one loads it in the lab. */
export function PresetGallery() {
  const store = useLabStore();
  const presets = useLab((s) => s.presets);
  const current = useLab((s) => s.presetId);
  const theme = useLab((s) => s.theme);

  const open = async (id: string) => {
    // Loaded first, then shown: one step for the address bar (back returns to the gallery).
    await store.getState().loadPreset(id);
    store.getState().setTab('lab');
    store.getState().play();
  };

  return (
    <main className="gallery" aria-labelledby="gallery-heading">
      <h2 id="gallery-heading">Presets</h2>
      <p className="hint">
        Each preset teaches one lesson. The thumbnail is the preset&apos;s own run (seed as shared): offered load dashed, goodput solid, triggers shaded, bad stretches underlined.
      </p>
      <ul className="cards">
        {presets.map((p) => {
          const thumb = byId.get(p.id);
          return (
            <li key={p.id} className="card" data-preset={p.id} aria-current={p.id === current ? 'true' : undefined}>
              <h3>{p.title}</h3>
              <p className="lesson">
                Lesson {p.lesson}: {LESSONS[p.lesson] ?? ''}
              </p>
              {thumb !== undefined && (
                <Thumbnail
                  data={thumb}
                  theme={theme}
                  label={`${p.title}: offered load and goodput over ${thumb.durationS} s; the run ${VERDICTS[thumb.verdict] ?? thumb.verdict}.`}
                />
              )}
              <p className="story">{firstSentence(p.story)}</p>
              <p className="watch">
                <strong>Watch:</strong> {p.watch}
              </p>
              <p className="expected">Expected: {VERDICTS[p.expected] ?? p.expected}</p>
              <button type="button" className="primary" onClick={() => void open(p.id)} aria-label={`Open “${p.title}” in the lab`}>
                Open in the lab
              </button>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
