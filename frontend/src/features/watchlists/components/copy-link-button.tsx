import { useState } from "react";
import { linkTo } from "../model/shared-link.js";
import type { Outcome } from "../api/watchlist-store.js";

/**
 * CopyLinkButton copies the address that opens `symbols` on this page. Where the browser refuses
 * the clipboard, the link shows in a field to copy by hand.
 */
export function CopyLinkButton(props: { symbols: readonly string[]; onOutcome: (outcome: Outcome) => void }) {
  const [manual, setManual] = useState<string>();

  async function copy() {
    const link = linkTo(window.location.href, props.symbols);
    try {
      await navigator.clipboard.writeText(link);
      setManual(undefined);
      props.onOutcome({ ok: true, message: "Link copied: whoever opens it sees this list and can save it." });
    } catch {
      setManual(link);
      props.onOutcome({ ok: false, reason: "The browser did not allow copying: copy the link from the field." });
    }
  }

  return (
    <>
      <button type="button" onClick={() => void copy()} disabled={props.symbols.length === 0}>
        Copy link
      </button>
      {manual !== undefined && (
        <input className="text-input list-link" readOnly value={manual} aria-label="Link to this list" onFocus={(event) => event.target.select()} />
      )}
    </>
  );
}
