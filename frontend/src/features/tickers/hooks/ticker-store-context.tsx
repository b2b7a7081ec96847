import { createContext, useContext, useState, type ReactNode } from "react";
import { consoleLogger } from "../../../lib/log.js";
import { useTransport } from "../../../lib/transport.js";
import { createClient } from "@connectrpc/connect";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { CatalogService } from "@crypto-stream/gen/cryptostream/v1/catalog_service_pb.js";
import { createBrowserNotifier, type AlertNotifier } from "../api/alert-notifier.js";
import { createAlertSound, type AlertSound } from "../api/alert-sound.js";
import { createAlertSync } from "../api/alert-sync.js";
import { createAlertStorage } from "../api/alert-storage.js";
import { createAlertStore, type AlertStore } from "../api/alert-store.js";
import { createSymbolSearch, type SymbolSearch } from "../api/symbol-search.js";
import { createLayoutPreference, type LayoutPreference } from "../api/layout-preference.js";
import { createTickerListStorage } from "../api/ticker-list-storage.js";
import { createTickerStore, type TickerStore, type TickerStoreOptions } from "../api/ticker-store.js";
import { createClock, type Clock } from "../../../lib/clock.js";
import { createPreference, type Preference } from "../../../lib/preference.js";
import { firedMessage } from "../model/alert.js";
import { isSortOrder, type SortOrder } from "../model/sort-order.js";
import { createWatchlistStorage, createWatchlistStore, symbolsInLink, WatchlistProvider, type WatchlistStore } from "../../watchlists/index.js";

/** TickerFeature is what the provider makes once per page: the lists, the tickers, their alerts, the layout. */
interface TickerFeature {
  readonly watchlists: WatchlistStore;
  readonly tickers: TickerStore;
  readonly alerts: AlertStore;
  readonly sound: AlertSound;
  readonly layout: LayoutPreference;
  readonly sort: Preference<SortOrder>;
  readonly flash: Preference<"on" | "off">;
  /** clock ticks for what a card says about time ("no change for 3 min"). */
  readonly clock: Clock;
  /** search suggests catalog symbols for the Ticker field. */
  readonly search: SymbolSearch;
}

const TickerFeatureContext = createContext<TickerFeature | undefined>(undefined);

/**
 * TickerStoreSettings tune the stores; tests fix the jitter, shorten timeouts, or watch the
 * notifications through their own `notifier`.
 */
export type TickerStoreSettings = Partial<Omit<TickerStoreOptions, "transport" | "alerts">> & {
  notifier?: AlertNotifier;
  /** audio makes the alert sound's audio context; tests pass one to hear the beep. */
  audio?: () => AudioContext;
};

/**
 * TickerStoreProvider makes the page's one ticker store when it mounts, with the transport from
 * the nearest TransportProvider, showing the watchlist last open (or the shared link's list, when
 * the page's address has one); a first visit's list is `settings.initialSymbols` when given. Beside
 * it the lists, the alerts (set on the server through each Watch), their sound and the layout,
 * all saved in localStorage. The store opens its stream
 * only while something below subscribes to it.
 */
export function TickerStoreProvider(props: { settings?: TickerStoreSettings; children: ReactNode }) {
  const transport = useTransport();
  const [feature] = useState((): TickerFeature => {
    const { notifier: givenNotifier, audio, ...settings } = props.settings ?? {};
    const log = settings.log ?? consoleLogger;
    const saved = createTickerListStorage(localStorage, log);
    const listStorage = createWatchlistStorage(localStorage, log, () => settings.initialSymbols ?? saved.load());
    let tickers: TickerStore | undefined;
    const watchlists = createWatchlistStore({
      saved: listStorage.load(),
      save: listStorage.save,
      shared: symbolsInLink(window.location.search),
      opened: (symbols) => tickers?.replace(symbols),
    });
    const initialSymbols = watchlists.openSymbols();
    const initialDefaultExchange = settings.initialDefaultExchange ?? saved.loadDefaultExchange();
    const notifier = givenNotifier ?? createBrowserNotifier(log);
    const alertStorage = createAlertStorage(localStorage, log);
    const sound = createAlertSound(localStorage, log, audio);
    const alerts = createAlertStore({
      saved: alertStorage.load(),
      symbols: watchlists.allSymbols(),
      defaultExchange: initialDefaultExchange,
      save: alertStorage.save,
      fired(symbol, alert) {
        notifier.show(firedMessage(symbol, alert));
        sound.play();
      },
      firstSaved: () => notifier.ask(),
    });
    const alertSync = createAlertSync({ client: createClient(PriceService, transport), store: alerts, log });
    alerts.subscribe(() => alertSync.changed());
    const onSymbolsChange = settings.onSymbolsChange ?? saved.save;
    tickers = createTickerStore({
      ...settings,
      initialSymbols,
      initialDefaultExchange,
      onSymbolsChange(symbols, defaultExchange) {
        onSymbolsChange(symbols, defaultExchange);
        watchlists.setOpenSymbols(symbols);
        // Alerts of a ticker in another list wait for that list to open again.
        alerts.retain(watchlists.allSymbols(), defaultExchange);
      },
      alerts: alertSync,
      transport,
    });
    const sort = createPreference<SortOrder>({
      storage: localStorage,
      log,
      key: "crypto-stream.sort.v1",
      parse: (saved) => (isSortOrder(saved) ? saved : undefined),
      fallback: () => "symbol",
    });
    const flash = createPreference<"on" | "off">({
      storage: localStorage,
      log,
      key: "crypto-stream.flash.v1",
      parse: (saved) => (saved === "on" || saved === "off" ? saved : undefined),
      // Whoever asked their system for less motion gets no flash until they ask for it here.
      fallback: () => (window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ? "off" : "on"),
    });
    const clock = createClock(10_000);
    const catalog = createClient(CatalogService, transport);
    const search = createSymbolSearch({ search: (request, options) => catalog.searchSymbols(request, options), log });
    return { watchlists, tickers, alerts, sound, layout: createLayoutPreference(localStorage, log), sort, flash, clock, search };
  });
  return (
    <TickerFeatureContext value={feature}>
      <WatchlistProvider store={feature.watchlists}>{props.children}</WatchlistProvider>
    </TickerFeatureContext>
  );
}

function useFeature(): TickerFeature {
  const feature = useContext(TickerFeatureContext);
  if (feature === undefined) throw new Error("the tickers feature needs a <TickerStoreProvider> above it");
  return feature;
}

/**
 * useTickerStore returns the store from the nearest TickerStoreProvider.
 * @throws Error when there is none: a wiring bug.
 */
export function useTickerStore(): TickerStore {
  return useFeature().tickers;
}

/** useAlertStore returns the alerts beside the nearest ticker store. @throws Error as useTickerStore. */
export function useAlertStore(): AlertStore {
  return useFeature().alerts;
}

/** useAlertSound returns the alert sound beside the nearest ticker store. @throws Error as useTickerStore. */
export function useAlertSound(): AlertSound {
  return useFeature().sound;
}

/** useLayoutPreference returns the grid's layout beside the nearest ticker store. @throws Error as useTickerStore. */
export function useLayoutPreference(): LayoutPreference {
  return useFeature().layout;
}

/** useSortPreference returns the board's sort beside the nearest ticker store. @throws Error as useTickerStore. */
export function useSortPreference(): Preference<SortOrder> {
  return useFeature().sort;
}

/** useFlashPreference returns whether prices flash on a change. @throws Error as useTickerStore. */
export function useFlashPreference(): Preference<"on" | "off"> {
  return useFeature().flash;
}

/** useClock returns the page's clock for what cards say about time. @throws Error as useTickerStore. */
export function useClock(): Clock {
  return useFeature().clock;
}

/** useSymbolSearchStore returns the Ticker field's suggestions. @throws Error as useTickerStore. */
export function useSymbolSearchStore(): SymbolSearch {
  return useFeature().search;
}
