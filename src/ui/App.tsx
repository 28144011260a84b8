import { lazy, Suspense, useEffect, useState } from 'react';
import { EmbedApp } from './embed/EmbedApp';
import type { EmbedOptions } from './embed/embedOptions';
import { PresetGallery } from './gallery/PresetGallery';
import { GlossaryDialog } from './glossary/GlossaryDialog';
import { useLab } from './LabContext';
import { LabView } from './LabView';
import { NoticeBar } from './NoticeBar';
import { ClipDialog } from './share/ClipDialog';
import { ImportDialog } from './share/ImportDialog';
import { ShareBar, type DialogName } from './share/ShareBar';
import { ShareDialog } from './share/ShareDialog';
import { HelpDialog } from './trainer/HelpDialog';
import { usePresenter } from './trainer/usePresenter';
import { useShortcuts } from './useShortcuts';
import { ViewTabs } from './ViewTabs';

// The phase map and the compare view load on first use: most visits open the lab, and this keeps
// their code out of the first download.
const PhaseMapView = lazy(() => import('./phase/PhaseMapView').then((m) => ({ default: m.PhaseMapView })));
const CompareView = lazy(() => import('./compare/CompareView').then((m) => ({ default: m.CompareView })));
const TradeoffsView = lazy(() => import('./tradeoffs/TradeoffsView').then((m) => ({ default: m.TradeoffsView })));

/** A toggle button: its name says what it switches, `aria-pressed` and the On/Off mark say whether it is on. */
function ThemeSwitch() {
  const theme = useLab((s) => s.theme);
  const setTheme = useLab((s) => s.setTheme);
  return (
    <button type="button" className="theme-switch" aria-pressed={theme === 'dark'} onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}>
      Dark theme
      {/* Seen, not read: assistive technology announces the pressed state itself. */}
      <span className="switch-state" aria-hidden="true">
        {theme === 'dark' ? 'On' : 'Off'}
      </span>
    </button>
  );
}

/** The page: masthead with the share tools, the view tabs, and the view chosen; or the embed when `embed` is set. */
export function App({ embed = null }: { embed?: EmbedOptions | null }) {
  const [dialog, setDialog] = useState<DialogName | null>(null);
  // On a narrow screen the masthead's tools fold behind a menu button; wider, they always show.
  const [menuOpen, setMenuOpen] = useState(false);
  const [presenter, togglePresenter] = usePresenter();
  useShortcuts({ onHelp: () => setDialog('help'), onPresenter: togglePresenter });
  const tab = useLab((s) => s.tab);
  const theme = useLab((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  const close = () => setDialog(null);
  const dialogs = (
    <>
      {dialog === 'share' && <ShareDialog onClose={close} />}
      {dialog === 'import' && <ImportDialog onClose={close} />}
      {dialog === 'help' && <HelpDialog onClose={close} />}
      {dialog === 'glossary' && <GlossaryDialog onClose={close} />}
      {dialog === 'clip' && <ClipDialog onClose={close} />}
    </>
  );
  if (embed !== null) {
    return (
      <>
        <EmbedApp options={embed} />
        {dialogs}
      </>
    );
  }
  return (
    <>
      <header className="masthead" data-open={menuOpen ? '' : undefined}>
        <div className="masthead-title">
          <h1>Metastability Lab</h1>
          <p className="tagline">A system that is fine, gets a short push, and stays broken after the push is gone.</p>
          <p className="hint keys-hint">Keys: Space plays or pauses, “i” injects a trigger, “?” lists every shortcut.</p>
        </div>
        <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls="masthead-tools" onClick={() => setMenuOpen(!menuOpen)}>
          Menu
        </button>
        <div className="masthead-tools" id="masthead-tools">
          <ShareBar onDialog={setDialog} presenter={presenter} onPresenter={togglePresenter} />
          <ThemeSwitch />
        </div>
      </header>
      <ViewTabs />
      {tab !== 'lab' && (
        <div className="view-notice">
          <NoticeBar />
        </div>
      )}
      {tab === 'lab' && <LabView />}
      {tab === 'presets' && <PresetGallery />}
      <Suspense fallback={<p className="hint view-loading">Loading the view…</p>}>
        {tab === 'phase' && <PhaseMapView />}
        {tab === 'compare' && <CompareView />}
        {tab === 'tradeoffs' && <TradeoffsView />}
      </Suspense>
      {dialogs}
    </>
  );
}
