import type { ViewTab } from '../links/index';
import { useLab } from './LabContext';

const TABS: readonly { tab: ViewTab; label: string }[] = [
  { tab: 'lab', label: 'Lab' },
  { tab: 'presets', label: 'Presets' },
  { tab: 'phase', label: 'Phase map' },
  { tab: 'compare', label: 'Compare' },
  { tab: 'tradeoffs', label: 'Tradeoffs' },
];

/** The page's views. The lab keeps running in the background while another view shows. */
export function ViewTabs() {
  const tab = useLab((s) => s.tab);
  const setTab = useLab((s) => s.setTab);
  return (
    <nav className="view-tabs" aria-label="Views">
      {TABS.map((t) => (
        <button key={t.tab} type="button" aria-current={tab === t.tab ? 'page' : undefined} onClick={() => setTab(t.tab)}>
          {t.label}
        </button>
      ))}
    </nav>
  );
}
