import { useId, useState, type FormEvent, type Ref } from "react";
import type { SymbolParse } from "../model/symbol.js";

/**
 * AddTickerForm reads one ticker. `onAdd` validates it; on refusal the reason shows under the
 * input and the text stays for correction; on success the input clears.
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
  const inputId = useId();
  const messageId = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = onAdd(value);
    if (result.ok) {
      setValue("");
      setError("");
    } else {
      setError(result.reason);
    }
  }

  return (
    <form className="add-ticker" onSubmit={submit} noValidate>
      <label htmlFor={inputId}>Ticker</label>
      <div className="add-ticker-row">
        <input
          className="text-input"
          id={inputId}
          ref={inputRef}
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setError("");
          }}
          placeholder="BTCUSD or COINBASE:ETHUSD"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={error === "" ? undefined : true}
          aria-describedby={messageId}
        />
        <button type="submit">Add</button>
      </div>
      <p id={messageId} className="add-ticker-message" aria-live="polite">
        {error}
      </p>
    </form>
  );
}
