/**
 * The page's keys, as the help lists them and the handler reads them. One list: a key the help
 * names is a key that works.
 */

/** Shortcut is one key and what it does. */
export interface Shortcut {
  readonly key: string;
  readonly does: string;
}

/** SHORTCUTS are the keys the help dialog lists, in the order it lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { key: "/", does: "Go to the Ticker field" },
  { key: "Esc", does: "Close an open form, or this help" },
  { key: "?", does: "Show these keys" },
  { key: "Tab / Shift+Tab", does: "Move through lists, the Ticker field, sort, and each card's buttons" },
];

/** ShortcutAction is what a key press asks for, or undefined for a key that is not ours. */
export type ShortcutAction = "focus-ticker" | "show-help" | undefined;

/**
 * shortcutFor reads a key press. Keys typed into a field are the field's: "/" in a name is a
 * slash, not a jump. Presses with Ctrl, Alt or Meta belong to the browser.
 */
export function shortcutFor(event: { key: string; ctrlKey: boolean; altKey: boolean; metaKey: boolean; target: EventTarget | null }): ShortcutAction {
  if (event.ctrlKey || event.altKey || event.metaKey || typing(event.target)) return undefined;
  if (event.key === "/") return "focus-ticker";
  if (event.key === "?") return "show-help";
  return undefined;
}

function typing(target: EventTarget | null): boolean {
  if (typeof HTMLElement === "undefined" || !(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}
