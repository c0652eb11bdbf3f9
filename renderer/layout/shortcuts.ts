/**
 * The app's global keyboard shortcuts, as data: the key test, the i18n key of its description, and what it does.
 * App.vue installs `handleShortcut` on the window; the help dialog (F1) lists the same table, so the two cannot
 * drift apart. View-local keys (Ctrl+Enter in the editor, Ctrl+F in the terminal, +/−/0/L in the timeline) live
 * in their views and are listed here for the help only (`run` undefined).
 */
export interface Shortcut {
  keys: string;
  /** i18n key under `shortcuts.` */
  label: string;
  matches?(ev: KeyboardEvent): boolean;
}

export interface ShortcutActions {
  focusEditor(): void;
  focusTerminal(): void;
  focusTimeline(): void;
  toggleClock(): void;
  showHelp(): void;
}

const mod = (ev: KeyboardEvent) => ev.ctrlKey || ev.metaKey;

export const SHORTCUTS: ReadonlyArray<Shortcut & { action?: keyof ShortcutActions }> = [
  { keys: 'Ctrl+Shift+E', label: 'focusEditor', action: 'focusEditor', matches: (ev) => mod(ev) && ev.shiftKey && ev.key.toLowerCase() === 'e' },
  { keys: 'Ctrl+`', label: 'focusTerminal', action: 'focusTerminal', matches: (ev) => mod(ev) && (ev.key === '`' || ev.code === 'Backquote') },
  { keys: 'Ctrl+Shift+Y', label: 'focusTimeline', action: 'focusTimeline', matches: (ev) => mod(ev) && ev.shiftKey && ev.key.toLowerCase() === 'y' },
  { keys: 'Ctrl+.', label: 'toggleClock', action: 'toggleClock', matches: (ev) => mod(ev) && ev.key === '.' },
  { keys: 'F1', label: 'help', action: 'showHelp', matches: (ev) => ev.key === 'F1' },
  { keys: 'Ctrl+Enter', label: 'apply' },
  { keys: 'Ctrl+F', label: 'terminalSearch' },
  { keys: 'Ctrl+C / Ctrl+V', label: 'copyPaste' },
  { keys: '+ − 0 ← → L', label: 'timelineKeys' },
];

/** Runs the first global shortcut `ev` matches; true when one did (the caller then prevents the default). */
export function handleShortcut(ev: KeyboardEvent, actions: ShortcutActions): boolean {
  const hit = SHORTCUTS.find((s) => s.action !== undefined && s.matches?.(ev));
  if (hit?.action === undefined) return false;
  actions[hit.action]();
  return true;
}
