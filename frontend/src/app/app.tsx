import { useId, useState } from "react";
import { AccessTokenPanel, ForgetTokenButton } from "../features/access/index.js";
import { StatusButton, StatusPanel } from "../features/status/index.js";
import { CompactToggle, TickerDashboard } from "../features/tickers/index.js";
import { WatchlistBar } from "../features/watchlists/index.js";
import "./app.css";

/**
 * App is the page: a heading with the Compact and Status buttons, the access token when the server asks for
 * one, the Status view while open, the watchlists and the tickers.
 */
export function App() {
  const [statusOpen, setStatusOpen] = useState(false);
  const statusId = useId();
  return (
    <div className="app">
      <header className="app-header">
        <h1>Crypto Stream</h1>
        <div className="app-header-actions">
          <CompactToggle />
          <StatusButton open={statusOpen} controls={statusId} onToggle={() => setStatusOpen((open) => !open)} />
          <ForgetTokenButton />
        </div>
      </header>
      <main>
        <AccessTokenPanel />
        <StatusPanel id={statusId} open={statusOpen} />
        <WatchlistBar />
        <TickerDashboard />
      </main>
    </div>
  );
}
