/** What the page opens on: a link wins over the autosaved scenario, which wins over the default preset. */
import { decodeLink, type LessonRef, type ViewState } from '../links/index';
import { findLesson } from '../sim/format';
import { SPEEDS, type Notice, type Opening } from './labStore';
import { labView, linkNotices, presetIdOf } from './linkSync';

export interface StartPlan {
  /** The scenario to open, or null for the default preset. */
  opening: Opening | null;
  /** Where it came from. */
  source: 'link' | 'autosave' | 'default';
  /** The link's view (tab, speed, embed options); empty otherwise. */
  view: ViewState;
  /** A message to show once the lab runs: a refused link, or what a link dropped. */
  notice: Notice | null;
  /** The lesson step a link opens beside the run, or null. */
  lesson: LessonRef | null;
}

/**
 * Decide what to open from the page's hash and the autosaved link (both untrusted text, both read
 * through the link decoder). An embed waits for a click unless it asks for autoplay.
 */
export function planStart(hash: string, autosaved: string | null): StartPlan {
  let notice: Notice | null = null;
  if (hash !== '' && hash !== '#') {
    const result = decodeLink(hash);
    if (result.ok) {
      const { view, notices } = labView(result.state.view, result.notices);
      const lesson = result.state.lesson ?? null;
      // A lesson step with a prediction waits for the learner's choice before the run goes on.
      const predicts = lesson !== null && findLesson(lesson.id)?.steps[lesson.step - 1]?.prediction !== undefined;
      // An embed waits for a click, except in a lesson, whose own steps say when the run goes on.
      const play = predicts ? false : lesson !== null || view.embed !== true || view.autoplay === true;
      const text = linkNotices(notices);
      return {
        opening: { scenario: result.state.scenario, presetId: presetIdOf(result), play, ...(view.t !== undefined && view.t > 0 ? { atS: view.t } : {}) },
        source: 'link',
        view,
        notice: text === null ? null : { tone: 'warning', text },
        lesson,
      };
    }
    notice = { tone: 'error', text: result.error };
  }
  if (autosaved !== null) {
    const saved = decodeLink(autosaved);
    if (saved.ok) {
      const view: ViewState = {};
      if (saved.state.view?.tab !== undefined) view.tab = saved.state.view.tab;
      const speed = saved.state.view?.speed;
      if (speed !== undefined && SPEEDS.includes(speed)) view.speed = speed;
      if (notice !== null) notice = { ...notice, text: `${notice.text}\nThe lab opened your last scenario instead.` };
      return { opening: { scenario: saved.state.scenario, presetId: presetIdOf(saved), play: true }, source: 'autosave', view, notice, lesson: null };
    }
  }
  if (notice !== null) notice = { ...notice, text: `${notice.text}\nThe lab opened the default scenario instead.` };
  return { opening: null, source: 'default', view: {}, notice, lesson: null };
}
