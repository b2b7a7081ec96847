/**
 * The one place where domain errors become Connect errors. Clients get a code and a message a
 * person can act on; raw scraper or stack text never leaves the server.
 */
import { Code, ConnectError } from "@connectrpc/connect";
import { AlertInputError, AlertLimitError } from "../alerts/index.js";
import { HubClosedError, SymbolLimitError } from "../hub/errors.js";
import type { StateEvent } from "../hub/events.js";
import type { Logger } from "../log.js";
import { InvalidSymbolError } from "../symbols/symbol.js";

/** WatchNotFoundError: no open watch has this id (it ended, or never existed). */
export class WatchNotFoundError extends Error {
  override readonly name = "WatchNotFoundError";
  constructor() {
    super("no open watch has this id; the watch ends with its stream, so open a new Watch");
  }
}

/**
 * RequestLimitError: a request asks for more than a configured limit allows. `setting` names the
 * variable that raises the limit; toConnectError tells the client to ask the operator about it.
 */
export class RequestLimitError extends Error {
  override readonly name = "RequestLimitError";
  constructor(
    message: string,
    readonly setting?: string,
  ) {
    super(message);
  }
}

/** SHUTDOWN_MESSAGE ends every stream on a planned shutdown, so clients reconnect at once. */
export const SHUTDOWN_MESSAGE = "the server is shutting down; reconnect to another instance or retry shortly";

/** toConnectError maps `error` to a ConnectError, logging what is a bug rather than bad input. */
function toConnectError(error: unknown, logger: Logger): ConnectError {
  if (error instanceof ConnectError) return error;
  if (error instanceof InvalidSymbolError) return new ConnectError(error.message, Code.InvalidArgument, undefined, undefined, error);
  if (error instanceof AlertInputError) return new ConnectError(error.message, Code.InvalidArgument, undefined, undefined, error);
  if (error instanceof AlertLimitError) {
    const message = `${error.message}, or ask the operator to raise MAX_ALERTS_PER_WATCH`;
    return new ConnectError(message, Code.ResourceExhausted, undefined, undefined, error);
  }
  if (error instanceof SymbolLimitError) {
    // The hub knows only its cap; which setting raises it is the server's business, said here.
    const message = `${error.message}, or ask the operator to raise MAX_SYMBOLS`;
    return new ConnectError(message, Code.ResourceExhausted, undefined, undefined, error);
  }
  if (error instanceof RequestLimitError) {
    const message = error.setting ? `${error.message}; the operator can raise ${error.setting}` : error.message;
    return new ConnectError(message, Code.ResourceExhausted, undefined, undefined, error);
  }
  if (error instanceof WatchNotFoundError) return new ConnectError(error.message, Code.NotFound, undefined, undefined, error);
  if (error instanceof HubClosedError) return new ConnectError(SHUTDOWN_MESSAGE, Code.Unavailable, undefined, undefined, error);
  logger.error("rpc.internal_error", { error, stack: error instanceof Error ? error.stack : undefined });
  return new ConnectError("internal error; the server logged the details", Code.Internal);
}

/** withErrors runs `fn`, rethrowing any error as a ConnectError. */
export async function withErrors<T>(logger: Logger, fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toConnectError(error, logger);
  }
}

/** finalStateError is how StreamPrice ends when its only symbol's feed ends for good (undefined: it has not). */
export function finalStateError(event: StateEvent): ConnectError | undefined {
  if (event.state === "not_found") {
    return new ConnectError(`TradingView has no symbol ${event.symbol}: check the ticker and exchange`, Code.NotFound);
  }
  if (event.state === "failed") {
    return new ConnectError(`could not read a price for ${event.symbol}: ${event.detail || "the page never showed one"}`, Code.Unavailable);
  }
  return undefined;
}
