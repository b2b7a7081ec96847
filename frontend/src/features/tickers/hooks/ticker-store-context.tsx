import { createContext, useContext, useState, type ReactNode } from "react";
import { consoleLogger } from "../../../lib/log.js";
import { useTransport } from "../../../lib/transport.js";
import { createClient } from "@connectrpc/connect";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { createBrowserNotifier, type AlertNotifier } from "../api/alert-notifier.js";
import { createAlertSound, type AlertSound } from "../api/alert-sound.js";
import { createAlertSync } from "../api/alert-sync.js";
import { createAlertStorage } from "../api/alert-storage.js";
import { createAlertStore, type AlertStore } from "../api/alert-store.js";
import { createLayoutPreference, type LayoutPreference } from "../api/layout-preference.js";
import { createTickerListStorage } from "../api/ticker-list-storage.js";
import { createTickerStore, type TickerStore, type TickerStoreOptions } from "../api/ticker-store.js";
import { firedMessage } from "../model/alert.js";

/** TickerFeature is what the provider makes once per page: the tickers, their alerts, the layout. */
interface TickerFeature {
  readonly tickers: TickerStore;
  readonly alerts: AlertStore;
  readonly sound: AlertSound;
  readonly layout: LayoutPreference;
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
 * the nearest TransportProvider, and the tickers saved in localStorage unless `settings` give
 * them; beside it the alerts (set on the server through each Watch), their sound and the layout,
 * saved there too. The store opens its stream only
 * while something below subscribes to it.
 */
export function TickerStoreProvider(props: { settings?: TickerStoreSettings; children: ReactNode }) {
  const transport = useTransport();
  const [feature] = useState((): TickerFeature => {
    const { notifier: givenNotifier, audio, ...settings } = props.settings ?? {};
    const log = settings.log ?? consoleLogger;
    const saved = createTickerListStorage(localStorage, log);
    const initialSymbols = settings.initialSymbols ?? saved.load();
    const initialDefaultExchange = settings.initialDefaultExchange ?? saved.loadDefaultExchange();
    const notifier = givenNotifier ?? createBrowserNotifier(log);
    const alertStorage = createAlertStorage(localStorage, log);
    const sound = createAlertSound(localStorage, log, audio);
    const alerts = createAlertStore({
      saved: alertStorage.load(),
      symbols: initialSymbols,
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
    const tickers = createTickerStore({
      ...settings,
      initialSymbols,
      initialDefaultExchange,
      onSymbolsChange(symbols, defaultExchange) {
        onSymbolsChange(symbols, defaultExchange);
        alerts.retain(symbols, defaultExchange);
      },
      alerts: alertSync,
      transport,
    });
    return { tickers, alerts, sound, layout: createLayoutPreference(localStorage, log) };
  });
  return <TickerFeatureContext value={feature}>{props.children}</TickerFeatureContext>;
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
