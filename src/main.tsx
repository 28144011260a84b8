import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApp } from './app/createApp';
import { installFaultHook } from './app/faultHook';
import { startPage } from './app/startPage';
import { App, AppProvider } from './ui/index';
import './ui/styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');

const app = createApp();
const embed = startPage(app, import.meta.env['VITE_EMBED_ORIGINS'] as string | undefined);
if (__LAB_FAULTS__) installFaultHook(app, window);

createRoot(root).render(
  <StrictMode>
    <AppProvider app={app}>
      <App embed={embed} />
    </AppProvider>
  </StrictMode>,
);
