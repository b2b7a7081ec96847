import type { NameCheck } from "../model/watchlist.js";
import type { SharedList } from "../api/watchlist-store.js";
import { ListNameForm } from "./list-name-form.js";

/**
 * SharedListBanner says the grid shows a shared link's list, and offers to save it as a new list
 * (never over an existing one) or to go back to the list that was open.
 */
export function SharedListBanner(props: { shared: SharedList; onSave: (name: string) => NameCheck; onDismiss: () => void }) {
  const count = props.shared.symbols.length;
  return (
    <section className="shared-list" aria-label="Shared list">
      <p>
        This list came from a link: {count === 1 ? "1 ticker" : `${count} tickers`}. Save it to keep it; your own lists are
        unchanged. {props.shared.leftOut}
      </p>
      <ListNameForm label="Name for the shared list" submitLabel="Save as new list" initial="Shared list"
        cancelLabel="Back to my lists"
        embedded
        onSubmit={props.onSave} onClose={props.onDismiss} />
    </section>
  );
}
