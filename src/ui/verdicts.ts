import type { Verdict } from '../state/index';

/** How each verdict reads on the page. */
export const VERDICT_TEXT: Record<Verdict, { label: string; explain: string }> = {
  stable: { label: 'Stable', explain: 'Goodput kept up with the offered load throughout.' },
  recovered: { label: 'Recovered', explain: 'The trigger pushed the system into a bad state, and it came back.' },
  metastable: {
    label: 'Metastable',
    explain: 'The system stayed broken long after the trigger ended: its own work keeps it there.',
  },
  overloaded: { label: 'Overloaded', explain: 'Goodput fell short before any trigger: the load exceeds capacity.' },
  unresolved: { label: 'Unresolved', explain: 'The run ended too soon to tell, or it kept flapping.' },
};
