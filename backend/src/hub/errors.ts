/** Domain errors of the hub; the rpc layer maps them to Connect codes in one place. */

/** SymbolLimitError: taking the symbols would pass a configured cap. Nothing was changed. */
export class SymbolLimitError extends Error {
  override readonly name = "SymbolLimitError";
  constructor(
    message: string,
    readonly limit: number,
  ) {
    super(message);
  }
}

/** HubClosedError: the hub is shutting down and takes no new subscriptions. */
export class HubClosedError extends Error {
  override readonly name = "HubClosedError";
  constructor() {
    super("the server is shutting down");
  }
}
