/** What the page does at load, outside React: theme, what to open (link, autosave, default), link sync and autosave. */
import { planStart, readAutosave, startAutosave, startLinkSync, type StorageSource } from '../state/index';
import { embedOptions, parseOriginList, type EmbedOptions } from '../ui/index';
import type { LabApp } from './createApp';

/** Start the lab's run and the page's links; the embed options when the page is an embed, else null. */
export function startPage(app: LabApp, embedOrigins: string | undefined): EmbedOptions | null {
  const store = app.lab;
  const dark = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
  store.getState().setTheme(dark ? 'dark' : 'light');

  // A link wins over the autosaved scenario, which wins over the default preset; an embed keeps no autosave.
  const storage: StorageSource = () => window.localStorage;
  const hash = location.hash;
  const linkPlan = planStart(hash, null);
  const embed = embedOptions(linkPlan.view, parseOriginList(embedOrigins));
  const plan = embed === null ? planStart(hash, readAutosave(storage)) : linkPlan;
  if (embed !== null) {
    document.documentElement.classList.add('embedded');
    // The embedding page may point the frame at another run by changing its hash: read it afresh.
    window.addEventListener('hashchange', () => location.reload());
  }
  if (plan.view.tab !== undefined && embed === null) store.getState().setTab(plan.view.tab);
  if (plan.view.speed !== undefined) store.getState().setSpeed(plan.view.speed);

  // Started here, outside React, so StrictMode's double effects cannot start it twice.
  void store
    .getState()
    .init(undefined, plan.opening ?? undefined)
    .then(() => {
      if (plan.notice !== null) store.getState().showNotice(plan.notice);
      const lesson = app.lesson.getState();
      if (plan.lesson !== null) lesson.attach(plan.lesson.id, plan.lesson.step - 1);
      // An embed leaves the parent page's history alone: the hash is read once, never written.
      if (embed === null) {
        // Embed mode is a layout chosen at load: a link that asks for it is opened by loading the page again.
        startLinkSync(store, window, {
          onEmbedLink: () => location.reload(),
          lesson: {
            current: () => {
              const s = app.lesson.getState();
              return s.lessonId === null ? null : { id: s.lessonId, step: s.step + 1 };
            },
            onOpen: (ref) => (ref === null ? app.lesson.getState().close() : app.lesson.getState().attach(ref.id, ref.step - 1)),
          },
        });
        const autosave = startAutosave(store, storage);
        window.addEventListener('pagehide', autosave.flush);
      }
    });
  return embed;
}
