/** The trainer's keyboard shortcuts, as the help dialog lists them (and `aria-keyshortcuts` names them). */
export const SHORTCUTS: readonly { keys: string; aria: string; does: string }[] = [
  { keys: 'Space', aria: 'Space', does: 'Play or pause' },
  { keys: '.', aria: '.', does: 'Step one bin (while paused)' },
  { keys: 'i', aria: 'I', does: 'Inject the trigger chosen in the Triggers panel now (a 2× load spike for 10 s when the panel is hidden)' },
  { keys: 'r', aria: 'R', does: 'Reset: start the scenario again without your live changes' },
  { keys: 'n', aria: 'N', does: 'Next preset (in gallery order), keeping play or pause' },
  { keys: 'p', aria: 'P', does: 'Presenter mode: full screen and large type (again, or Esc, to leave)' },
  { keys: '?', aria: 'Shift+?', does: 'This list of shortcuts' },
];
