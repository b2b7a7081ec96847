import { TickerDashboard } from "../features/tickers/index.js";
import "./app.css";

/** App is the page: a heading and the tickers. */
export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Crypto Stream</h1>
      </header>
      <main>
        <TickerDashboard />
      </main>
    </div>
  );
}
