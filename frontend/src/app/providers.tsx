import type { Transport } from "@connectrpc/connect";
import type { ReactNode } from "react";
import { AccessProvider, type TokenStore } from "../features/access/index.js";
import { StatusProvider, type StatusSettings } from "../features/status/index.js";
import { TickerStoreProvider, type TickerStoreSettings } from "../features/tickers/index.js";
import { TransportProvider } from "../lib/transport.js";

/**
 * AppProviders wires the page: the one transport, the token store its interceptor reads, then the
 * ticker store and the Status view's stores, all built on that transport and reopening their
 * calls when the token changes. The app passes what it made at start; tests pass a
 * `createRouterTransport` fake.
 */
export function AppProviders(props: {
  transport: Transport;
  tokens: TokenStore;
  tickerSettings?: TickerStoreSettings;
  statusSettings?: StatusSettings;
  children: ReactNode;
}) {
  const settings = { tokenChanges: props.tokens.onTokenChange, ...props.tickerSettings };
  const statusSettings = { tokenChanges: props.tokens.onTokenChange, ...props.statusSettings };
  return (
    <TransportProvider transport={props.transport}>
      <AccessProvider tokens={props.tokens}>
        <TickerStoreProvider settings={settings}>
          <StatusProvider settings={statusSettings}>{props.children}</StatusProvider>
        </TickerStoreProvider>
      </AccessProvider>
    </TransportProvider>
  );
}
