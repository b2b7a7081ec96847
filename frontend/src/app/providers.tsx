import type { Transport } from "@connectrpc/connect";
import type { ReactNode } from "react";
import { TickerStoreProvider, type TickerStoreSettings } from "../features/tickers/index.js";
import { TransportProvider } from "../lib/transport.js";

/**
 * AppProviders wires the page: the one transport, then the one ticker store built on it. The
 * app passes the transport made at start; tests pass a `createRouterTransport` fake.
 */
export function AppProviders(props: {
  transport: Transport;
  tickerSettings?: TickerStoreSettings;
  children: ReactNode;
}) {
  return (
    <TransportProvider transport={props.transport}>
      <TickerStoreProvider settings={props.tickerSettings}>{props.children}</TickerStoreProvider>
    </TransportProvider>
  );
}
