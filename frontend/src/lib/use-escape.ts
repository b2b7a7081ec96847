import { useEffect } from "react";

/**
 * useEscape calls `close` when Escape is pressed anywhere on the page while `open`: every open
 * form closes on Esc, wherever focus is. A key another handler already used (a native dialog,
 * a combobox closing its suggestions) is left alone.
 */
export function useEscape(open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      close();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open, close]);
}
