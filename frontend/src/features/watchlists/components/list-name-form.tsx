import { useId, useState, type FormEvent } from "react";
import { useEscape } from "../../../lib/use-escape.js";
import { MAX_NAME_LENGTH, type NameCheck } from "../model/watchlist.js";

/**
 * ListNameForm asks for a list's name. `onSubmit` checks it; on refusal the reason shows and the
 * text stays for correction. Esc or Cancel closes it without a change; an embedded form is closed
 * by its button only.
 */
export function ListNameForm(props: {
  label: string;
  submitLabel: string;
  initial?: string;
  /** cancelLabel names the button that closes the form; "Cancel" unless given. */
  cancelLabel?: string;
  /** embedded is a form that is part of the page, not opened by a button: no focus, no Esc. */
  embedded?: boolean;
  onSubmit: (name: string) => NameCheck;
  onClose: () => void;
}) {
  const [value, setValue] = useState(props.initial ?? "");
  const [error, setError] = useState("");
  const inputId = useId();
  const messageId = useId();
  useEscape(props.embedded !== true, props.onClose);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = props.onSubmit(value);
    if (!result.ok) setError(result.reason);
  }

  return (
    <form className="list-name-form" onSubmit={submit} noValidate>
      <label htmlFor={inputId}>{props.label}</label>
      <input
        className="text-input"
        id={inputId}
        value={value}
        maxLength={MAX_NAME_LENGTH * 2}
        autoFocus={props.embedded !== true}
        autoComplete="off"
        onChange={(event) => {
          setValue(event.target.value);
          setError("");
        }}
        aria-invalid={error === "" ? undefined : true}
        aria-describedby={messageId}
      />
      <button type="submit">{props.submitLabel}</button>
      <button type="button" onClick={props.onClose}>
        {props.cancelLabel ?? "Cancel"}
      </button>
      <p id={messageId} className="form-message" aria-live="polite">
        {error}
      </p>
    </form>
  );
}
