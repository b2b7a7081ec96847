import { useState } from "react";
import { useAccessAnnouncements } from "../hooks/use-access-announcements.js";
import { useAccess } from "../hooks/use-access.js";
import { TokenForm } from "./token-form.js";
import "./access.css";

/**
 * AccessTokenPanel asks for the access token when the server refused a call for want of one, or
 * refused the one given, and stays open while a token just given is checked. It also keeps the
 * polite live region that says what happened. It renders nothing visible on a server that needs
 * no token.
 */
export function AccessTokenPanel() {
  const access = useAccess();
  const announcements = useAccessAnnouncements(access.status);
  const needed = access.status === "required" || access.status === "refused";
  const [open, setOpen] = useState(needed);
  // Adjusted during render, as React advises for state that follows a changing value.
  if (needed && !open) setOpen(true);
  if (!needed && access.status !== "checking" && open) setOpen(false);

  return (
    <>
      {open && <TokenForm status={access.status} onSave={access.save} />}
      <div className="visually-hidden" aria-live="polite" aria-relevant="additions">
        {announcements.map((item) => (
          <p key={item.id}>{item.text}</p>
        ))}
      </div>
    </>
  );
}
