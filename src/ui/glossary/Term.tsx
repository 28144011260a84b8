import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { GLOSSARY } from './terms';

/**
 * A term with its definition one press away: a button that opens a small popover (click, tap, Enter or Space),
 * closed by Esc, a second press, or moving focus away.
 */
export function Term({ id, children }: { id: string; children: ReactNode }) {
  const entry = GLOSSARY.find((t) => t.id === id);
  const [open, setOpen] = useState(false);
  const popId = useId();
  const box = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    const onDown = (e: PointerEvent) => {
      if (!(e.target instanceof Node) || box.current?.contains(e.target) !== true) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open]);
  if (entry === undefined) return <>{children}</>;
  return (
    <span className="term" ref={box} onBlur={(e) => !box.current?.contains(e.relatedTarget) && setOpen(false)}>
      <button type="button" className="term-button" aria-expanded={open} aria-controls={popId} onClick={() => setOpen(!open)}>
        {children}
      </button>
      <span id={popId} role="note" className="term-pop" hidden={!open}>
        <strong>{entry.term}</strong>: {entry.definition}
      </span>
    </span>
  );
}

/** Text with the first mention of each glossary term turned into a Term. */
export function WithTerms({ text }: { text: string }) {
  const words = GLOSSARY.flatMap((t) => [t.term, ...(t.aliases ?? [])].map((w) => ({ w, id: t.id }))).sort((a, b) => b.w.length - a.w.length);
  const pattern = new RegExp(`(?<![\\w.-])(${words.map(({ w }) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w-])`, 'gi');
  const seen = new Set<string>();
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const hit = words.find(({ w }) => w.toLowerCase() === m[0].toLowerCase());
    if (hit === undefined || seen.has(hit.id)) continue;
    seen.add(hit.id);
    out.push(text.slice(last, m.index));
    out.push(
      <Term key={m.index} id={hit.id}>
        {m[0]}
      </Term>,
    );
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return <>{out}</>;
}
