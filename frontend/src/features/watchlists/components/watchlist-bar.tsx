import { useCallback, useId, useRef, useState } from "react";
import { useEscape } from "../../../lib/use-escape.js";
import type { Outcome } from "../api/watchlist-store.js";
import { useWatchlists } from "../hooks/watchlist-context.js";
import { withoutLink } from "../model/shared-link.js";
import { CopyLinkButton } from "./copy-link-button.js";
import { ListFileActions } from "./list-file-actions.js";
import { ListNameForm } from "./list-name-form.js";
import { SharedListBanner } from "./shared-list-banner.js";
import "./watchlists.css";

type OpenForm = "none" | "new" | "rename" | "delete";

/**
 * WatchlistBar is the lists' controls: the list picker, New, Rename, Delete, Copy link, Export and
 * Import, one form open at a time, the outcome of the last action, and a shared link's banner.
 */
export function WatchlistBar() {
  const { snapshot, store } = useWatchlists();
  const [form, setForm] = useState<OpenForm>("none");
  const [outcome, setOutcome] = useState<Outcome>();
  const pickerId = useId();
  const actions = useRef<HTMLDivElement>(null);
  const active = snapshot.lists.find((list) => list.id === snapshot.activeId);
  const shown = snapshot.shared === undefined ? active : undefined;

  const closeForm = useCallback(() => {
    setForm("none");
    // The button that opened the form has focus again, so the keyboard carries on from there.
    requestAnimationFrame(() => actions.current?.querySelector<HTMLButtonElement>("[data-opened]")?.focus());
  }, []);
  const leaveLink = () => history.replaceState(history.state, "", withoutLink(location.href));

  function open(next: OpenForm, button: HTMLButtonElement) {
    for (const other of actions.current?.querySelectorAll("[data-opened]") ?? []) other.removeAttribute("data-opened");
    button.setAttribute("data-opened", "");
    setOutcome(undefined);
    setForm(next);
  }

  return (
    <section className="watchlist-bar" aria-label="Watchlists">
      {snapshot.shared && (
        <SharedListBanner
          shared={snapshot.shared}
          onSave={(name) => {
            const saved = store.saveShared(name);
            if (saved.ok) {
              leaveLink();
              setOutcome({ ok: true, message: `Saved the shared list as "${saved.name}".` });
            }
            return saved;
          }}
          onDismiss={() => {
            store.dismissShared();
            leaveLink();
          }}
        />
      )}
      <div className="watchlist-row" ref={actions}>
        <label htmlFor={pickerId}>List</label>
        <select id={pickerId} className="text-input" value={shown?.id ?? ""} onChange={(event) => store.switchTo(event.target.value)}>
          {shown === undefined && <option value="">Shared link (not saved)</option>}
          {snapshot.lists.map((list) => (
            <option key={list.id} value={list.id}>
              {list.name} ({list.symbols.length})
            </option>
          ))}
        </select>
        <button type="button" onClick={(event) => open("new", event.currentTarget)} aria-expanded={form === "new"}>
          New list
        </button>
        <button type="button" disabled={shown === undefined} onClick={(event) => open("rename", event.currentTarget)} aria-expanded={form === "rename"}>
          Rename
        </button>
        <button type="button" disabled={shown === undefined} onClick={(event) => open("delete", event.currentTarget)} aria-expanded={form === "delete"}>
          Delete
        </button>
        <CopyLinkButton symbols={store.openSymbols()} onOutcome={setOutcome} />
        <ListFileActions exportText={store.exportText} importText={store.importText} onOutcome={setOutcome} />
      </div>
      {form === "new" && (
        <ListNameForm label="New list name" submitLabel="Create" onClose={closeForm} onSubmit={(name) => done(store.create(name))} />
      )}
      {form === "rename" && shown && (
        <ListNameForm label="New name" submitLabel="Rename" initial={shown.name} onClose={closeForm} onSubmit={(name) => done(store.rename(shown.id, name))} />
      )}
      {form === "delete" && shown && (
        <DeleteConfirm name={shown.name} onClose={closeForm} onDelete={() => {
            setOutcome(store.remove(shown.id));
            closeForm();
          }}
        />
      )}
      <p className="form-message" role="status" data-ok={outcome?.ok === false ? undefined : ""}>
        {outcome === undefined ? "" : outcome.ok ? outcome.message : outcome.reason}
      </p>
    </section>
  );

  function done<T extends { ok: boolean }>(result: T): T {
    if (result.ok) closeForm();
    return result;
  }
}

function DeleteConfirm(props: { name: string; onDelete: () => void; onClose: () => void }) {
  useEscape(true, props.onClose);
  return (
    <div className="list-confirm" role="group" aria-label="Delete list">
      <p>Delete the list "{props.name}"? Its tickers go with it.</p>
      <button type="button" className="danger" autoFocus onClick={props.onDelete}>
        Delete list
      </button>
      <button type="button" onClick={props.onClose}>
        Cancel
      </button>
    </div>
  );
}
