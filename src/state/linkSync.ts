/**
 * Keeps the URL hash and the lab in step: the page's state is written to the hash (one history entry per
 * committed change, replaced in place while a change is still moving), and a hash the user brings (back,
 * forward, an edited address) is opened through the link decoder. A bad hash never costs the current run.
 */
import { decodeLink, encodeLink, type DecodeResult, type LessonRef, type ViewState } from '../links/index';
import { findLesson } from '../sim/format';
import { DEFAULT_SPEED, SPEEDS, type Lab, type LabStore } from './labStore';

/** What link sync needs of `window`: injected, so tests run it in jsdom or on a fake. */
export interface LinkEnv {
  location: { readonly hash: string; readonly href: string };
  history: { pushState(data: unknown, unused: string, url?: string): void; replaceState(data: unknown, unused: string, url?: string): void };
  addEventListener(type: 'hashchange' | 'popstate', listener: () => void): void;
  removeEventListener(type: 'hashchange' | 'popstate', listener: () => void): void;
}

export interface LinkSyncOptions {
  /**
   * Live changes on the controls closer together than this (a slider drag, a run of key presses) share
   * one history entry: the first pushes it, the later ones replace it. Default 700 ms.
   */
  quietMs?: number;
  /** Called instead of opening a link that asks for embed mode, which the page takes only at load (the page reloads). */
  onEmbedLink?: () => void;
  /** Lesson mode: the step the page shows (written into the link), and what to do when a link opens one, or none (null). */
  lesson?: { current: () => LessonRef | null; onOpen: (ref: LessonRef | null) => void };
}

/** The view a link records for the page: the tab and speed when they differ from the defaults. */
function viewOf(state: Pick<Lab, 'tab' | 'speed'>): ViewState {
  const view: ViewState = {};
  if (state.tab !== 'lab') view.tab = state.tab;
  if (state.speed !== DEFAULT_SPEED) view.speed = state.speed;
  return view;
}

/** The hash (with `#`) that reopens the lab as it stands: the recorded scenario (live actions and triggers included), seed, tab and speed. */
export function linkOf(state: Pick<Lab, 'recorded' | 'tab' | 'speed'>, extra: ViewState = {}, lesson: LessonRef | null = null): string | null {
  if (state.recorded === null) return null;
  return encodeLink({ scenario: state.recorded, view: { ...viewOf(state), ...extra }, ...(lesson !== null ? { lesson } : {}) });
}

/** The whole URL of a hash on this page (`https://host/path/#…`), whatever hash the page shows now. */
export function urlWithHash(href: string, hash: string): string {
  const at = href.indexOf('#');
  return `${at < 0 ? href : href.slice(0, at)}${hash}`;
}

/** The preset a link opens unmodified (its `#preset=` form), or null for any other scenario. */
export function presetIdOf(result: DecodeResult & { ok: true }): string | null {
  const match = /^#preset=([^&]+)/.exec(encodeLink({ scenario: result.state.scenario }));
  return match?.[1] ?? null;
}

/** The notice for a link that opened with dropped parts, or null. */
/**
 * A link's view as the lab can show it: the link format takes any speed up to its cap, the lab's menu only its own
 * speeds, so another speed is dropped with a notice (the menu would otherwise show a speed it does not play).
 */
export function labView(view: ViewState | undefined, notices: readonly string[]): { view: ViewState; notices: string[] } {
  const out: ViewState = { ...(view ?? {}) };
  const all = [...notices];
  if (out.speed !== undefined && !SPEEDS.includes(out.speed)) {
    const offered = SPEEDS.filter(Number.isFinite).join(', ');
    all.push(`speed: got "${out.speed}", expected one of ${offered} or "max" (the speeds the lab offers); ignored`);
    delete out.speed;
  }
  return { view: out, notices: all };
}

export function linkNotices(notices: readonly string[]): string | null {
  if (notices.length === 0) return null;
  return `This link opened with changes:\n${notices.map((n) => `• ${n}`).join('\n')}`;
}

/** Whether two scenarios are the same run (their links' scenario parts are equal). */
function sameRun(a: Lab['recorded'], b: Lab['recorded']): boolean {
  return a !== null && b !== null && encodeLink({ scenario: a }) === encodeLink({ scenario: b });
}

/** Whether `b` is `a` with operator actions appended and nothing else changed (a live change on the controls). */
function actionsAppended(a: Lab['recorded'], b: Lab['recorded']): boolean {
  if (a === null || b === null || b.actions.length <= a.actions.length) return false;
  return JSON.stringify({ ...a, actions: null }) === JSON.stringify({ ...b, actions: null }) && JSON.stringify(a.actions) === JSON.stringify(b.actions.slice(0, a.actions.length));
}

/**
 * Start syncing `store` with the hash of `env` (the page's window). Call it once the first run has
 * started. Returns a function that stops it.
 */
export function startLinkSync(store: LabStore, env: LinkEnv, options: LinkSyncOptions = {}): () => void {
  const quietMs = options.quietMs ?? 700;
  const lessonNow = (): LessonRef | null => options.lesson?.current() ?? null;
  /** The hash the page last wrote or opened: a hash event that finds it there is the page's own. */
  let written = env.location.hash;
  let burst: ReturnType<typeof setTimeout> | null = null;
  /** Set for a moment after a new scenario was pushed. */
  let justOpened: ReturnType<typeof setTimeout> | null = null;
  /** Opening a hash: the state changes it causes are not new history. */
  let opening = 0;

  function write(hash: string, mode: 'push' | 'replace'): void {
    written = hash;
    if (env.location.hash === hash) return;
    if (mode === 'push') env.history.pushState(null, '', hash);
    else env.history.replaceState(null, '', hash);
  }

  function endBurstNow(): void {
    if (burst !== null) clearTimeout(burst);
    burst = null;
  }

  function endBurstLater(): void {
    if (burst !== null) clearTimeout(burst);
    burst = setTimeout(() => {
      burst = null;
    }, quietMs);
  }

  const initial = linkOf(store.getState(), {}, lessonNow());
  if (initial !== null) write(initial, 'replace');

  const unsubscribe = store.subscribe((state, prev) => {
    if (opening > 0 || state.recorded === null) return;
    if (state.recorded === prev.recorded && state.tab === prev.tab && state.speed === prev.speed) return;
    const hash = linkOf(state, {}, lessonNow());
    if (hash === null || hash === written) return;
    // Speed alone is not worth a history entry. Live changes on the controls (actions appended, nothing
    // else) that follow each other closely — a slider drag — amend the entry the first one pushed.
    // Switching to the lab right after opening a scenario (a gallery card) is part of that one step too.
    const speedOnly = state.recorded === prev.recorded && state.tab === prev.tab;
    const tabOnly = state.recorded === prev.recorded && state.tab !== prev.tab;
    const liveChange = state.tab === prev.tab && actionsAppended(prev.recorded, state.recorded);
    const amend = speedOnly || (liveChange && burst !== null) || (tabOnly && justOpened !== null);
    write(hash, amend ? 'replace' : 'push');
    if (liveChange) endBurstLater();
    else if (!speedOnly) endBurstNow();
    if (justOpened !== null) clearTimeout(justOpened);
    justOpened = !amend && !liveChange && !tabOnly ? setTimeout(() => (justOpened = null), quietMs) : null;
  });

  async function open(hash: string): Promise<void> {
    // Taken at once, so the second event of a pair (popstate and hashchange for one step back) is ignored.
    const previous = written;
    written = hash;
    const result = decodeLink(hash);
    const lab = store.getState();
    if (!result.ok) {
      lab.showNotice({ tone: 'error', text: `${result.error}\nYour current scenario is kept.` });
      // The address shows what the page runs, so copying it shares this run, not the broken link.
      if (previous !== '') write(previous, 'replace');
      return;
    }
    if (result.state.view?.embed === true && options.onEmbedLink !== undefined) {
      options.onEmbedLink();
      return;
    }
    opening++;
    try {
      options.lesson?.onOpen(result.state.lesson ?? null);
      const { view, notices } = labView(result.state.view, result.notices);
      if (view.tab !== undefined || lab.tab !== 'lab') lab.setTab(view.tab ?? 'lab');
      lab.setSpeed(view.speed ?? DEFAULT_SPEED);
      const atS = view.t ?? 0;
      // A lesson step with a prediction waits for the learner's choice before the run goes on.
      const ref = result.state.lesson;
      const play = ref === undefined || findLesson(ref.id)?.steps[ref.step - 1]?.prediction === undefined;
      const opened =
        (atS === 0 && sameRun(lab.recorded, result.state.scenario)) || (await lab.openScenario(result.state.scenario, { presetId: presetIdOf(result), atS, play }));
      const text = linkNotices(notices);
      if (opened && text !== null) store.getState().showNotice({ tone: 'warning', text });
    } finally {
      opening--;
    }
    const now = linkOf(store.getState(), {}, lessonNow());
    if (now !== null) write(now, 'replace');
  }

  const onHash = (): void => {
    const hash = env.location.hash;
    if (hash === written || hash === '') return;
    void open(hash);
  };
  env.addEventListener('hashchange', onHash);
  env.addEventListener('popstate', onHash);

  return () => {
    unsubscribe();
    if (burst !== null) clearTimeout(burst);
    if (justOpened !== null) clearTimeout(justOpened);
    env.removeEventListener('hashchange', onHash);
    env.removeEventListener('popstate', onHash);
  };
}
