/** Copy text, with a fallback for pages where the Clipboard API is missing or refused (http, old browsers, iframes). */
export type CopyOutcome = 'copied' | 'selected';

/**
 * Copy `text`: the Clipboard API first; else select it in `field` (so Ctrl+C / ⌘C copies it) and try
 * the legacy copy command. 'selected' means the user has to press the keys.
 */
export async function copyText(text: string, field: HTMLInputElement | HTMLTextAreaElement | null): Promise<CopyOutcome> {
  try {
    if (typeof navigator !== 'undefined' && navigator.clipboard !== undefined && typeof navigator.clipboard.writeText === 'function') {
      await navigator.clipboard.writeText(text);
      return 'copied';
    }
  } catch {
    // refused (no permission, not focused, insecure context): fall back
  }
  if (field === null) return 'selected';
  field.focus();
  field.select();
  try {
    // Deprecated, but the only copy left where the Clipboard API is not offered.
    return document.execCommand('copy') ? 'copied' : 'selected';
  } catch {
    return 'selected';
  }
}

/** What to tell the user after a copy. */
export function copyMessage(outcome: CopyOutcome, what: string): string {
  return outcome === 'copied' ? `${what} copied.` : `${what} is selected: press Ctrl+C (⌘C on a Mac) to copy it.`;
}
