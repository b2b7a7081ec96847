/**
 * Alerts on a Watch: SetAlert and RemoveAlert by watch id, and the quote tap that feeds a watch's
 * alerts every quote its subscriber receives. Fired alerts go into the watch's own mailbox, so
 * every path that serves the Watch stream (through Connect or directly) carries them like quotes.
 */
import { Code, ConnectError } from "@connectrpc/connect";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type {
  RemoveAlertRequest,
  RemoveAlertResponseSchema,
  SetAlertRequest,
  SetAlertResponseSchema,
} from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { checkAlert, type WatchAlerts } from "../../alerts/index.js";
import type { QuoteTap } from "../../hub/subscriber.js";
import type { Logger } from "../../log.js";
import { parseSymbol } from "../../symbols/symbol.js";
import { alertInputOf, alertMessage } from "../engine/alert-messages.js";
import type { WatchRegistry } from "./watch-registry.js";

/** alertTap feeds `alerts` each quote and turns what fired into the watch's alert events. */
export function alertTap(alerts: WatchAlerts): QuoteTap {
  return (quote) => {
    const fired = alerts.observe(quote.symbol, quote.price, quote.observedAt.getTime());
    // The usual case, on every quote of every watch: nothing fired, nothing allocated.
    if (fired.length === 0) return NO_EVENTS;
    return fired.map(({ alertId, spec, reference }) => ({
      kind: "alert" as const,
      symbol: quote.symbol,
      alertId,
      alert: spec,
      quote,
      ...(reference === undefined ? {} : { reference }),
    }));
  };
}

const NO_EVENTS: ReturnType<QuoteTap> = [];

/** AlertHandlerOptions are what SetAlert and RemoveAlert read. */
export interface AlertHandlerOptions {
  watches: WatchRegistry;
  defaultExchange: string;
  logger: Logger;
}

function requireWatchId(watchId: string): void {
  if (watchId === "") {
    throw new ConnectError("watch_id is empty: pass the id from the Watch stream's first message", Code.InvalidArgument);
  }
}

/**
 * setAlert checks and sets `request.alert` on its watch. Errors are domain errors or
 * ConnectErrors, for the caller's withErrors to map.
 */
export function setAlert(request: SetAlertRequest, options: AlertHandlerOptions): MessageInitShape<typeof SetAlertResponseSchema> {
  requireWatchId(request.watchId);
  const { alert } = request;
  if (alert === undefined) throw new ConnectError("alert is missing: send the alert to set", Code.InvalidArgument);
  const watch = options.watches.get(request.watchId);
  const ref = parseSymbol(alert.symbol, options.defaultExchange);
  const spec = checkAlert(alertInputOf(alert, ref.id));
  if (!watch.subscriber.symbols().includes(ref.id)) {
    throw new ConnectError(`the watch does not hold ${ref.id}: add it with UpdateWatch first`, Code.FailedPrecondition);
  }
  const alertId = watch.alerts.set(spec);
  options.logger.info("alert.set", { symbol: ref.id, condition: spec.condition.kind, repeat: spec.repeat, alerts: watch.alerts.size });
  return { alertId, alert: alertMessage(spec) };
}

/** removeAlert removes `request.alert_id` from its watch; an alert it does not hold is no error. */
export function removeAlert(request: RemoveAlertRequest, options: AlertHandlerOptions): MessageInitShape<typeof RemoveAlertResponseSchema> {
  requireWatchId(request.watchId);
  if (request.alertId === "") throw new ConnectError("alert_id is empty: pass the id SetAlert returned", Code.InvalidArgument);
  const watch = options.watches.get(request.watchId);
  const removed = watch.alerts.remove(request.alertId);
  options.logger.info("alert.removed", { removed, alerts: watch.alerts.size });
  return { removed };
}
