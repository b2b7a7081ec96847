import { createContext, useContext, useState, type ReactNode } from "react";
import { consoleLogger } from "../../../lib/log.js";
import { useTransport } from "../../../lib/transport.js";
import { createTickerListStorage } from "../api/ticker-list-storage.js";
import { createTickerStore, type TickerStore, type TickerStoreOptions } from "../api/ticker-store.js";

const TickerStoreContext = createContext<TickerStore | undefined>(undefined);

/** TickerStoreSettings tune the store; tests fix the jitter or shorten timeouts. */
export type TickerStoreSettings = Partial<Omit<TickerStoreOptions, "transport">>;

/**
 * TickerStoreProvider makes the page's one ticker store when it mounts, with the transport from
 * the nearest TransportProvider, and the tickers saved in localStorage unless `settings` give
 * them. The store opens its stream only while something below subscribes to it.
 */
export function TickerStoreProvider(props: { settings?: TickerStoreSettings; children: ReactNode }) {
  const transport = useTransport();
  const [store] = useState(() => {
    const log = props.settings?.log ?? consoleLogger;
    const saved = createTickerListStorage(localStorage, log);
    return createTickerStore({
      initialSymbols: saved.load(),
      initialDefaultExchange: saved.loadDefaultExchange(),
      onSymbolsChange: saved.save,
      ...props.settings,
      transport,
    });
  });
  return <TickerStoreContext value={store}>{props.children}</TickerStoreContext>;
}

/**
 * useTickerStore returns the store from the nearest TickerStoreProvider.
 * @throws Error when there is none: a wiring bug.
 */
export function useTickerStore(): TickerStore {
  const store = useContext(TickerStoreContext);
  if (store === undefined) throw new Error("useTickerStore needs a <TickerStoreProvider> above it");
  return store;
}
