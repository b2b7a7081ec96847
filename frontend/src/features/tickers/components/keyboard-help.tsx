import { useEffect, useId, useRef } from "react";
import { SHORTCUTS } from "../model/shortcuts.js";

/**
 * KeyboardHelp is the dialog that lists the keys, open while mounted. A native modal dialog: it
 * keeps focus inside, closes on Esc, and gives focus back to what had it.
 */
export function KeyboardHelp(props: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) element.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="keyboard-help" aria-labelledby={titleId} onClose={props.onClose}>
      <h2 id={titleId}>Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.key}>
            <dt>
              <kbd>{shortcut.key}</kbd>
            </dt>
            <dd>{shortcut.does}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
