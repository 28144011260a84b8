import { useEffect } from 'react';
import { ChartStack } from './ChartStack';
import { ControlsPanel } from './ControlsPanel';
import { InvariantsPanel } from './InvariantsPanel';
import { useLab } from './LabContext';
import { NoticeBar } from './NoticeBar';
import { RequestFlow } from './RequestFlow';
import { RunDetails } from './RunDetails';
import { Transport } from './Transport';
import { TriggerPanel } from './TriggerPanel';
import { useShortcuts } from './useShortcuts';
import { VerdictBanner } from './VerdictBanner';

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

/** The lab: controls beside stacked, time-aligned charts, the verdict banner, invariants and the request flow. */
export function App() {
  useShortcuts();
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
      <main className="lab">
        <div className="lab-top">
          <Transport />
          <VerdictBanner />
          <NoticeBar />
        </div>
        <div className="lab-side">
          <TriggerPanel />
          <ControlsPanel />
        </div>
        <div className="lab-main">
          <ChartStack />
          <div className="lab-lower">
            <InvariantsPanel />
            <RequestFlow />
          </div>
          <RunDetails />
        </div>
      </main>
    </>
  );
}
