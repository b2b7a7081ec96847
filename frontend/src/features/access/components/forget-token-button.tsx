import { useAccess } from "../hooks/use-access.js";
import "./access.css";

/**
 * ForgetTokenButton drops the access token from this tab and this device. It shows only while a
 * token is in use; after it, a server that needs a token asks for one again.
 */
export function ForgetTokenButton() {
  const { status, remembered, forget } = useAccess();
  if (status !== "checking" && status !== "accepted") return null;
  return (
    <button
      type="button"
      className="forget-token"
      onClick={forget}
      title={remembered ? "The token is remembered on this device" : "The token is kept while this tab is open"}
    >
      Forget token
    </button>
  );
}
