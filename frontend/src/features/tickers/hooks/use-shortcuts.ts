import { useEffect } from "react";
import { shortcutFor } from "../model/shortcuts.js";

/**
 * useShortcuts listens for the page's keys (model/shortcuts.ts) while mounted: "/" calls
 * `focusTicker`, "?" calls `showHelp`. The key is then the page's: it is not also typed.
 */
export function useShortcuts(actions: { focusTicker: () => void; showHelp: () => void }): void {
  const { focusTicker, showHelp } = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (action === undefined || event.defaultPrevented) return;
      event.preventDefault();
      if (action === "focus-ticker") focusTicker();
      else showHelp();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [focusTicker, showHelp]);
}
