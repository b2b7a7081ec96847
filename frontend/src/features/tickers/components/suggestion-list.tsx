import type { SearchSnapshot, Suggestion } from "../api/symbol-search.js";

/** optionId is the id of suggestion `index` in the list `listId`, for aria-activedescendant. */
export function optionId(listId: string, index: number): string {
  return `${listId}-option-${index}`;
}

/**
 * SuggestionList is the Ticker combobox's popup: a listbox of suggestions, the highlighted one
 * marked selected. Focus stays in the field (aria-activedescendant points here), so an option
 * takes no focus on press: a pointer pick must not blur the field and close the list first.
 */
export function SuggestionList({
  listId,
  suggestions,
  onPick,
}: {
  listId: string;
  suggestions: SearchSnapshot;
  onPick: (entry: Suggestion) => void;
}) {
  if (!suggestions.open) return null;
  return (
    <ul className="ticker-suggestions" id={listId} role="listbox" aria-label="Suggestions">
      {suggestions.entries.map((entry, index) => (
        <li
          key={entry.symbol}
          id={optionId(listId, index)}
          role="option"
          aria-selected={index === suggestions.active}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPick(entry)}
        >
          <span className="ticker-suggestion-symbol">{entry.symbol}</span> — <span className="ticker-suggestion-name">{entry.name}</span>
        </li>
      ))}
    </ul>
  );
}

/** countText is what the live region says about the list: "3 suggestions", or nothing when closed. */
export function countText(suggestions: SearchSnapshot): string {
  if (!suggestions.open) return "";
  const n = suggestions.entries.length;
  return `${n} ${n === 1 ? "suggestion" : "suggestions"}, up and down arrows to choose`;
}
