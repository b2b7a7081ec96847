import type { Interceptor, Transport } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { createContext, useContext, type ReactNode } from "react";
import type { AppConfig } from "./config.js";

/**
 * createAppTransport makes the page's one Connect transport. Create it once, at start, and hand it
 * to {@link TransportProvider}; a transport made during render would be remade on every render.
 * `interceptors` wrap every call (the app's adds the access token); whatever they read, they read
 * at each call, so nothing they depend on needs a new transport.
 */
export function createAppTransport(config: AppConfig, interceptors: Interceptor[] = []): Transport {
  return createConnectTransport({ baseUrl: config.apiBaseUrl, interceptors });
}

const TransportContext = createContext<Transport | undefined>(undefined);

/** TransportProvider hands `transport` to everything below it. It does not own or close it. */
export function TransportProvider(props: { transport: Transport; children: ReactNode }) {
  return <TransportContext value={props.transport}>{props.children}</TransportContext>;
}

/**
 * useTransport returns the transport from the nearest {@link TransportProvider}.
 * @throws Error when there is none: that is a wiring bug, not a runtime condition.
 */
export function useTransport(): Transport {
  const transport = useContext(TransportContext);
  if (transport === undefined) throw new Error("useTransport needs a <TransportProvider> above it");
  return transport;
}
