import { useRef } from "react";
import { MAX_FILE_BYTES } from "../model/watchlist-file.js";
import type { Outcome } from "../api/watchlist-store.js";

const FILE_NAME = "crypto-stream-watchlists.json";

/**
 * ListFileActions are Export (every list into one JSON file) and Import (a file's lists added
 * beside the existing ones). The outcome, good or bad, goes to `onOutcome`.
 */
export function ListFileActions(props: { exportText: () => string; importText: (text: string) => Outcome; onOutcome: (outcome: Outcome) => void }) {
  const fileInput = useRef<HTMLInputElement>(null);

  function exportLists() {
    const url = URL.createObjectURL(new Blob([props.exportText()], { type: "application/json" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = FILE_NAME;
    link.click();
    // The download has its own copy once click() returns.
    URL.revokeObjectURL(url);
    props.onOutcome({ ok: true, message: `Exported your lists to ${FILE_NAME}.` });
  }

  async function importFile(file: File) {
    if (file.size > MAX_FILE_BYTES) {
      props.onOutcome({ ok: false, reason: `This file cannot be imported: it is larger than ${MAX_FILE_BYTES / 1024} kB. Nothing was changed.` });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      props.onOutcome({ ok: false, reason: "This file could not be read. Nothing was changed." });
      return;
    }
    props.onOutcome(props.importText(text));
  }

  return (
    <>
      <button type="button" onClick={exportLists}>
        Export lists
      </button>
      <button
        type="button"
        onClick={() => fileInput.current?.click()}
        onKeyDown={(event) => {
          // Enter opens the chooser from the key press itself: the click Chromium makes of an Enter
          // on a button did not open one (Space, and a mouse click, did).
          if (event.key !== "Enter") return;
          event.preventDefault();
          fileInput.current?.click();
        }}
      >
        Import lists
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Watchlist file to import"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file !== undefined) void importFile(file);
        }}
      />
    </>
  );
}
