import { beforeEach, describe, expect, it } from "vitest";
import { quietLogger as quiet } from "../../../lib/testing/storage-doubles.js";
import { createTickerListStorage, DEFAULT_TICKERS } from "./ticker-list-storage.js";

describe("createTickerListStorage", () => {
  beforeEach(() => localStorage.clear());

  it("when nothing was saved, then the defaults are loaded", () => {
    expect(createTickerListStorage(localStorage, quiet).load()).toEqual(DEFAULT_TICKERS);
  });

  it("when a list was saved, then the same list loads, even an empty one", () => {
    const storage = createTickerListStorage(localStorage, quiet);
    storage.save(["ADAUSD", "BTCUSD"]);
    expect(createTickerListStorage(localStorage, quiet).load()).toEqual(["ADAUSD", "BTCUSD"]);
    storage.save([]);
    expect(createTickerListStorage(localStorage, quiet).load()).toEqual([]);
  });

  it("when a saved entry names its exchange, then it keeps naming it: the server's default may differ", () => {
    const storage = createTickerListStorage(localStorage, quiet);
    storage.save(["BINANCE:SOLUSD", "COINBASE:XRPUSD", "ETHUSD"]);
    expect(createTickerListStorage(localStorage, quiet).load()).toEqual(["BINANCE:SOLUSD", "COINBASE:XRPUSD", "ETHUSD"]);
  });

  it("when the server's default was saved with the list, then it loads; a malformed one does not", () => {
    const storage = createTickerListStorage(localStorage, quiet);
    expect(storage.loadDefaultExchange()).toBeUndefined();
    storage.save(["COINBASE:XRPUSD"], "COINBASE");
    expect(createTickerListStorage(localStorage, quiet).loadDefaultExchange()).toBe("COINBASE");
    storage.save([]);
    expect(createTickerListStorage(localStorage, quiet).loadDefaultExchange()).toBe("COINBASE");
    localStorage.setItem("crypto-stream.default-exchange.v1", "not an exchange");
    expect(createTickerListStorage(localStorage, quiet).loadDefaultExchange()).toBeUndefined();
  });

  it("when saved data is corrupt or holds bad symbols, then only valid ones load", () => {
    const key = "crypto-stream.tickers.v1";
    localStorage.setItem(key, "{not json");
    expect(createTickerListStorage(localStorage, quiet).load()).toEqual(DEFAULT_TICKERS);
    localStorage.setItem(key, JSON.stringify(["btcusd", "BTCUSD", 7, "BAD TICKER", "binance:eth"]));
    expect(createTickerListStorage(localStorage, quiet).load()).toEqual(["BTCUSD", "BINANCE:ETH"]);
  });
});
