import thumbnails from 'virtual:preset-thumbnails';
import { LESSONS as LESSON_LIST, PRESET_PAIRS } from '../../sim/format';
import type { PresetCard } from '../../worker/index';
import { useApp, useCommands } from '../AppContext';
import { useLab, useLabStore } from '../LabContext';
import { useLesson } from '../lesson/useLesson';
import { Thumbnail } from './Thumbnail';

/** The lessons of the product, by number: each preset teaches one. */
const LESSONS: Record<number, string> = Object.fromEntries(LESSON_LIST.map((l) => [l.number, l.title]));

/** A lesson's presets in gallery order: each broken run followed by its cures, then the rest in preset order. */
export function lessonOrder(presets: readonly PresetCard[], lesson: number): PresetCard[] {
  const mine = presets.filter((p) => p.lesson === lesson);
  const out: PresetCard[] = [];
  const add = (id: string) => {
    const p = mine.find((x) => x.id === id);
    if (p !== undefined && !out.includes(p)) out.push(p);
  };
  for (const pair of PRESET_PAIRS.filter((x) => x.lesson === lesson)) {
    add(pair.broken);
    add(pair.cure);
  }
  for (const p of mine) add(p.id);
  return out;
}

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
  const lessonStore = useApp().lesson;
  const compare = useApp().compare;
  const commands = useCommands();
  const progress = useLesson((s) => s.progress);
  const titleOf = (id: string) => presets.find((p) => p.id === id)?.title ?? id;

  const comparePair = (broken: string, cure: string) => {
    compare.getState().choose({ leftSource: { kind: 'preset', id: broken }, rightSource: { kind: 'preset', id: cure }, rightChange: 'none', seed: null });
    store.getState().setTab('compare');
    void commands.startComparison();
  };

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
      {LESSON_LIST.map((lesson) => {
        const saved = progress[lesson.id];
        const pairs = PRESET_PAIRS.filter((x) => x.lesson === lesson.number);
        return (
          <section key={lesson.id} className="gallery-lesson" aria-labelledby={`lesson-${lesson.id}`} data-lesson={lesson.id}>
            <div className="gallery-lesson-head">
              <h3 id={`lesson-${lesson.id}`}>
                Lesson {lesson.number}: {lesson.title}
              </h3>
              <button type="button" className="primary" onClick={() => void lessonStore.getState().open(lesson.id, saved ?? 0)}>
                {saved !== undefined && saved > 0 ? `Continue the lesson at step ${saved + 1}` : 'Start the lesson'}
                <span className="visually-hidden"> “{lesson.title}”</span>
              </button>
            </div>
            <p className="hint">{lesson.takeaway}</p>
            {pairs.length > 0 && (
              <ul className="gallery-pairs" aria-label={`Broken and cured pairs of lesson ${lesson.number}`}>
                {pairs.map((pair) => (
                  <li key={`${pair.broken}+${pair.cure}`}>
                    <button type="button" onClick={() => comparePair(pair.broken, pair.cure)} data-pair={`${pair.broken}+${pair.cure}`}>
                      Compare “{titleOf(pair.broken)}” with {pair.change}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <ul className="cards">
              {lessonOrder(presets, lesson.number).map((p) => {
                const thumb = byId.get(p.id);
                return (
                  <li key={p.id} className="card" data-preset={p.id} aria-current={p.id === current ? 'true' : undefined}>
                    <h4>{p.title}</h4>
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
          </section>
        );
      })}
    </main>
  );
}
