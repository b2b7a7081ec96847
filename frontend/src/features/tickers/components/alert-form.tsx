import { useId, useRef, useState, type FormEvent } from "react";
import { useEscape } from "../../../lib/use-escape.js";
import { parseAlertLevel, type AlertDirection } from "../model/alert.js";

/**
 * AlertForm reads one alert: a price and a side, Above preselected. Input that is not a positive
 * number is refused inline (the input is marked invalid and described by the reason); a valid one
 * goes to `onSave` as an exact decimal string. Esc cancels, as it closes every open form.
 */
export function AlertForm(props: {
  symbol: string;
  onSave: (direction: AlertDirection, level: string) => void;
  onCancel: () => void;
}) {
  useEscape(true, props.onCancel);
  const [value, setValue] = useState("");
  const [direction, setDirection] = useState<AlertDirection>("above");
  const [error, setError] = useState("");
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const messageId = useId();
  const sideName = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // A number input hands over "" for text it cannot read ("1.2.3"); say what is wrong with it.
    const unreadable = inputRef.current?.validity.badInput === true;
    const parsed = unreadable ? parseAlertLevel("?") : parseAlertLevel(value);
    if (!parsed.ok) {
      setError(parsed.reason);
      inputRef.current?.focus();
      return;
    }
    props.onSave(direction, parsed.level);
  }

  return (
    <form className="alert-form" onSubmit={submit} noValidate aria-label={`New alert for ${props.symbol}`}>
      <label htmlFor={inputId}>Alert price</label>
      <input
        className="text-input"
        id={inputId}
        ref={inputRef}
        type="number"
        inputMode="decimal"
        min="0"
        step="any"
        autoComplete="off"
        autoFocus
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setError("");
        }}
        aria-invalid={error === "" ? undefined : true}
        aria-describedby={messageId}
      />
      <fieldset className="alert-form-side">
        <legend className="visually-hidden">Alert when the price goes</legend>
        {(["above", "below"] as const).map((side) => (
          <label key={side}>
            <input
              type="radio"
              name={sideName}
              value={side}
              checked={direction === side}
              onChange={() => setDirection(side)}
            />
            {side === "above" ? "Above" : "Below"}
          </label>
        ))}
      </fieldset>
      <div className="alert-form-actions">
        <button type="submit">Save alert</button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      <p id={messageId} className="alert-form-message">
        {error}
      </p>
    </form>
  );
}
