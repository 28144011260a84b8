import { useEffect } from 'react';
import { CompareView } from './compare/CompareView';
import { PresetGallery } from './gallery/PresetGallery';
import { useLab } from './LabContext';
import { LabView } from './LabView';
import { PhaseMapView } from './phase/PhaseMapView';
import { useShortcuts } from './useShortcuts';
import { ViewTabs } from './ViewTabs';

function ThemeSwitch() {
  const theme = useLab((s) => s.theme);
  const setTheme = useLab((s) => s.setTheme);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return (
    <button type="button" className="theme-switch" aria-pressed={theme === 'dark'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
      Dark theme
    </button>
  );
}

/** The page: masthead, the view tabs, and the view chosen. */
export function App() {
  useShortcuts();
  const tab = useLab((s) => s.tab);
  return (
    <>
      <header className="masthead">
        <div>
          <h1>Metastability Lab</h1>
          <p>A system that is fine, gets a short push, and stays broken after the push is gone.</p>
          <p className="hint">Keys: Space plays or pauses, “.” steps, “r” resets.</p>
        </div>
        <ThemeSwitch />
      </header>
      <ViewTabs />
      {tab === 'lab' && <LabView />}
      {tab === 'presets' && <PresetGallery />}
      {tab === 'phase' && <PhaseMapView />}
      {tab === 'compare' && <CompareView />}
    </>
  );
}
