import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createLabStore } from './state/index';
import { App, LabProvider } from './ui/index';
import { createSimBridge } from './worker/index';
import './ui/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');

const bridge = createSimBridge();
const store = createLabStore(bridge);
const dark = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
store.getState().setTheme(dark ? 'dark' : 'light');
// Start the default run at load, outside React, so StrictMode's double effects cannot start it twice.
void store.getState().init();

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
      <App />
    </LabProvider>
  </StrictMode>,
);
