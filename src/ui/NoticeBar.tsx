import { useLab } from './LabContext';

/** What went wrong or what happened to the worker, until dismissed. */
export function NoticeBar() {
  const notice = useLab((s) => s.notice);
  const dismiss = useLab((s) => s.dismissNotice);
  if (notice === null) return null;
  return (
    <div className={`notice notice-${notice.tone}`} role="alert" data-tone={notice.tone}>
      <p>{notice.text}</p>
      <button type="button" onClick={dismiss} aria-label="Dismiss this message">
        Dismiss
      </button>
    </div>
  );
}
