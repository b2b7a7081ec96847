import type { ServerSummary, StatusSnapshot } from "../model/symbol-status.js";
import { formatClock } from "../model/clock.js";
import { useSymbolStatus } from "../hooks/use-symbol-status.js";

const BROWSER: Record<ServerSummary["browser"], string> = {
  starting: "browser starting",
  up: "browser up",
  relaunching: "browser relaunching",
  down: "browser down",
  none: "no browser",
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * ServerLine sums the server up in one line, and says how fresh the table is. What goes wrong is
 * said once in a polite status; the time of each refresh is not announced.
 */
export function ServerLine() {
  const status = useSymbolStatus();
  const { server, updatedAtMs } = status;
  return (
    <div className="status-server">
      {server && (
        <p>
          {[
            `Version ${server.version}`,
            server.mode === "demo" ? "demo prices" : server.mode === "live" ? "TradingView" : undefined,
            BROWSER[server.browser],
            plural(server.pagesOpen, "page open", "pages open"),
            plural(server.openStreams, "stream", "streams"),
            plural(server.clients, "client", "clients"),
          ]
            .filter((part) => part !== undefined)
            .join(" · ")}
        </p>
      )}
      {updatedAtMs !== undefined && (
        <p className="status-updated">
          Updated <time dateTime={new Date(updatedAtMs).toISOString()}>{formatClock(updatedAtMs, updatedAtMs)}</time>
        </p>
      )}
      <p className="status-problem" role="status">
        {problemText(status)}
      </p>
    </div>
  );
}

function problemText(status: StatusSnapshot): string {
  if (status.phase === "unauthenticated") return "The server needs an access token to show its status.";
  if (status.phase === "retrying") return `Status unavailable (${status.problem ?? "no answer"}): trying again.`;
  return "";
}
