import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { AccessStatus } from "../api/token-store.js";
import { parseToken } from "../model/token.js";

/** REFUSED_MESSAGE is shown under the input after the server refused a token. */
const REFUSED_MESSAGE = "That token was refused.";

/**
 * TokenForm asks for the server's access token: a password-type input, "Remember on this device"
 * (off: the token lasts while this tab is open), and a submit button. A malformed token is
 * refused inline and never sent; a sent one clears from the input at once. While the server
 * checks it the button says so; when it is refused the message shows and the input takes focus.
 */
export function TokenForm(props: {
  status: AccessStatus;
  onSave: (token: string, options: { remember: boolean }) => void;
}) {
  const [value, setValue] = useState("");
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState("");
  // Set after mount, so that the live region already exists when the refusal is written into it.
  const [refused, setRefused] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const hintId = useId();
  const inputId = useId();
  const messageId = useId();
  const checking = props.status === "checking";

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- on purpose after mount (see `refused`)
    setRefused(props.status === "refused");
    // Take focus after a refusal, or when nothing has it (say, the Forget button just went away),
    // never away from something the person is using.
    const idle = document.activeElement === null || document.activeElement === document.body;
    if (props.status === "refused" || idle) inputRef.current?.focus();
  }, [props.status]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (checking) return;
    const parsed = parseToken(value);
    if (!parsed.ok) {
      setError(parsed.reason);
      return;
    }
    setError("");
    setValue("");
    props.onSave(parsed.token, { remember });
  }

  const message = error || (refused ? REFUSED_MESSAGE : "");
  return (
    <section className="token-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>This server needs an access token</h2>
      <p id={hintId} className="token-hint">
        Ask whoever runs this server for it. The page sends it to this server only, and keeps it
        while this tab is open, or on this device if you tick Remember.
      </p>
      <form onSubmit={submit} noValidate>
        <label htmlFor={inputId}>Access token</label>
        <div className="token-row">
          <input
            className="text-input"
            id={inputId}
            ref={inputRef}
            type="password"
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              setError("");
            }}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-invalid={message === "" ? undefined : true}
            aria-describedby={`${messageId} ${hintId}`}
          />
          <button type="submit" aria-disabled={checking ? true : undefined}>
            {checking ? "Checking…" : "Use token"}
          </button>
        </div>
        <label className="token-remember">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} />
          Remember on this device
        </label>
        <p id={messageId} className="token-message" aria-live="polite">
          {message}
        </p>
      </form>
    </section>
  );
}
