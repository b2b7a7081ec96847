import { useId, useState, type FormEvent, type KeyboardEvent, type Ref } from "react";
import type { Suggestion } from "../api/symbol-search.js";
import { useSymbolSearch } from "../hooks/use-symbol-search.js";
import type { SymbolParse } from "../model/symbol.js";
import { countText, optionId, SuggestionList } from "./suggestion-list.js";
import "./suggestions.css";

/**
 * AddTickerForm reads one ticker, with suggestions from the server's catalog as a person types
 * (an ARIA 1.2 combobox with a listbox popup). `onAdd` validates what is added; on refusal the
 * reason shows under the input and the text stays for correction; on success the input clears.
 * Enter adds the highlighted suggestion, or the typed text when none is highlighted: a ticker
 * outside the catalog is added like any other. Esc closes an open list, and only then is the
 * key the field's; otherwise it goes on to close the page's open forms.
 */
export function AddTickerForm({
  onAdd,
  inputRef,
}: {
  onAdd: (input: string) => SymbolParse;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const [value, setValue] = useState("");
  const [error, setError] = useState("");
  const { suggestions, search } = useSymbolSearch();
  const inputId = useId();
  const messageId = useId();
  const listId = useId();

  function add(input: string) {
    search.close();
    const result = onAdd(input);
    if (result.ok) {
      setValue("");
      setError("");
      search.typed("");
    } else {
      setValue(input);
      setError(result.reason);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    add(value);
  }

  function pick(entry: Suggestion) {
    add(entry.symbol);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      search.move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter") {
      const active = search.activeEntry();
      if (active === undefined) return;
      event.preventDefault();
      pick(active);
    } else if (event.key === "Escape" && suggestions.open) {
      // Marked used, so the page's Esc (useEscape) leaves the open forms alone this time.
      event.preventDefault();
      search.close();
    }
  }

  const active = suggestions.open && suggestions.active !== -1 ? optionId(listId, suggestions.active) : undefined;
  return (
    <form className="add-ticker" onSubmit={submit} noValidate>
      <label htmlFor={inputId}>Ticker</label>
      <div className="add-ticker-row">
        <div className="add-ticker-combo">
          <input
            className="text-input"
            id={inputId}
            ref={inputRef}
            role="combobox"
            aria-expanded={suggestions.open}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={active}
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              setError("");
              search.typed(event.target.value);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => search.close()}
            placeholder="BTCUSD or COINBASE:ETHUSD"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-invalid={error === "" ? undefined : true}
            aria-describedby={messageId}
          />
          <SuggestionList listId={listId} suggestions={suggestions} onPick={pick} />
        </div>
        <button type="submit">Add</button>
      </div>
      <p id={messageId} className="add-ticker-message" aria-live="polite">
        {error}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {countText(suggestions)}
      </p>
    </form>
  );
}
