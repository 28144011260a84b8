import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createRunStore } from './state/index';
import { App, RunStoreProvider } from './ui/index';
import { createSimBridge } from './worker/index';
import './ui/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');

const store = createRunStore(createSimBridge());
// Start the default run at load, outside React, so StrictMode's double effects cannot run it twice.
void store.getState().run();

createRoot(root).render(
  <StrictMode>
    <RunStoreProvider store={store}>
      <App />
    </RunStoreProvider>
  </StrictMode>,
);
