import { render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createTokenStorage, createTokenStore } from "../features/access/index.js";
import { createFakePriceService } from "../features/tickers/testing/fake-price-service.js";
import { App } from "./app.js";
import { AppProviders } from "./providers.js";

describe("App", () => {
  it("when rendered with a transport, then the page streams the saved tickers over it", async () => {
    const fake = createFakePriceService();
    const quiet = { info() {}, warn() {}, error() {} };
    const storage = createTokenStorage({ session: sessionStorage, local: localStorage }, quiet);
    const tokens = createTokenStore({ storage, log: quiet });
    const view = render(
      <AppProviders transport={fake.transport} tokens={tokens} tickerSettings={{ log: quiet }}>
        <App />
      </AppProviders>,
    );
    expect(screen.getByRole("heading", { level: 1, name: "Crypto Stream" })).toBeTruthy();
    // A server that needs no token never hears of one.
    expect(screen.queryByRole("heading", { name: /access token/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "Forget token" })).toBeNull();
    await waitFor(() => expect(screen.getByRole("status", { name: "Connection" }).textContent).toContain("Live"));
    fake.latest().quote("BTCUSD", "97123.45");
    await waitFor(() => expect(screen.getByText("97,123.45")).toBeTruthy());

    expect(fake.calls.map((call) => call.authorization)).toEqual([null]);
    const watch = fake.latest();
    view.unmount();
    tokens.close();
    await waitFor(() => expect(watch.aborted).toBe(true));
  });
});
