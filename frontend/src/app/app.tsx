import { AccessTokenPanel, ForgetTokenButton } from "../features/access/index.js";
import { CompactToggle, TickerDashboard } from "../features/tickers/index.js";
import "./app.css";

/** App is the page: a heading, the access token when the server asks for one, and the tickers. */
export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Crypto Stream</h1>
        <CompactToggle />
        <ForgetTokenButton />
      </header>
      <main>
        <AccessTokenPanel />
        <TickerDashboard />
      </main>
    </div>
  );
}
