import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createLabStore, planStart, readAutosave, startAutosave, startLinkSync, type StorageSource } from './state/index';
import { App, embedOptions, LabProvider, parseOriginList } from './ui/index';
import { createSimBridge } from './worker/index';
import './ui/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');

const bridge = createSimBridge();
const store = createLabStore(bridge);
const dark = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
store.getState().setTheme(dark ? 'dark' : 'light');

// A link wins over the autosaved scenario, which wins over the default preset; an embed keeps no autosave.
const storage: StorageSource = () => window.localStorage;
const hash = location.hash;
const linkPlan = planStart(hash, null);
const embed = embedOptions(linkPlan.view, parseOriginList(import.meta.env['VITE_EMBED_ORIGINS'] as string | undefined));
const plan = embed === null ? planStart(hash, readAutosave(storage)) : linkPlan;
if (embed !== null) {
  document.documentElement.classList.add('embedded');
  // The embedding page may point the frame at another run by changing its hash: read it afresh.
  window.addEventListener('hashchange', () => location.reload());
}
if (plan.view.tab !== undefined && embed === null) store.getState().setTab(plan.view.tab);
if (plan.view.speed !== undefined) store.getState().setSpeed(plan.view.speed);

// Start the run at load, outside React, so StrictMode's double effects cannot start it twice.
void store
  .getState()
  .init(undefined, plan.opening ?? undefined)
  .then(() => {
    if (plan.notice !== null) store.getState().showNotice(plan.notice);
    // An embed leaves the parent page's history alone: the hash is read once, never written.
    if (embed === null) {
      // Embed mode is a layout chosen at load: a link that asks for it is opened by loading the page again.
      startLinkSync(store, window, { onEmbedLink: () => location.reload() });
      const autosave = startAutosave(store, storage);
      window.addEventListener('pagehide', autosave.flush);
    }
  });

if (__LAB_FAULTS__) {
  // Test builds only (vite build --mode e2e): the e2e tests reach the worker's fault hook from page.evaluate.
  Object.assign(window, {
    __labTest: {
      fault: (kind: 'throw' | 'hang') => bridge.fault(kind),
      pendingCount: () => bridge.pendingCount(),
      set: (patch: Record<string, unknown>) => bridge.set(patch),
      state: () => store.getState(),
    },
  });
}

createRoot(root).render(
  <StrictMode>
    <LabProvider store={store}>
      <App embed={embed} />
    </LabProvider>
  </StrictMode>,
);
