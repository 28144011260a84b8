import { Dialog } from '../share/Dialog';
import { GLOSSARY } from './terms';

/** Every term of the page with its definition, in one place. */
export function GlossaryDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Glossary" onClose={onClose} className="glossary-dialog">
      <dl className="glossary">
        {GLOSSARY.map((t) => (
          <div key={t.id} id={`glossary-${t.id}`}>
            <dt>{t.term}</dt>
            <dd>{t.definition}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
