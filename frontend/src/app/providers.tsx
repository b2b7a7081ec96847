import type { Transport } from "@connectrpc/connect";
import type { ReactNode } from "react";
import { AccessProvider, type TokenStore } from "../features/access/index.js";
import { TickerStoreProvider, type TickerStoreSettings } from "../features/tickers/index.js";
import { TransportProvider } from "../lib/transport.js";

/**
 * AppProviders wires the page: the one transport, the token store its interceptor reads, then the
 * one ticker store built on the transport, which reopens its stream when the token changes. The
 * app passes what it made at start; tests pass a `createRouterTransport` fake.
 */
export function AppProviders(props: {
  transport: Transport;
  tokens: TokenStore;
  tickerSettings?: TickerStoreSettings;
  children: ReactNode;
}) {
  const settings = { tokenChanges: props.tokens.onTokenChange, ...props.tickerSettings };
  return (
    <TransportProvider transport={props.transport}>
      <AccessProvider tokens={props.tokens}>
        <TickerStoreProvider settings={settings}>{props.children}</TickerStoreProvider>
      </AccessProvider>
    </TransportProvider>
  );
}
