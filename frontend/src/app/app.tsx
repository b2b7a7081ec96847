import { AccessTokenPanel, ForgetTokenButton } from "../features/access/index.js";
import { TickerDashboard } from "../features/tickers/index.js";
import "./app.css";

/** App is the page: a heading, the access token when the server asks for one, and the tickers. */
export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Crypto Stream</h1>
        <ForgetTokenButton />
      </header>
      <main>
        <AccessTokenPanel />
        <TickerDashboard />
      </main>
    </div>
  );
}
