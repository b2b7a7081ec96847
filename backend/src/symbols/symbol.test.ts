import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidSymbolError, MAX_SYMBOL_LENGTH, parseSymbol } from "./symbol.js";

describe("parseSymbol", () => {
  it.each([
    ["BTCUSD", { exchange: "BINANCE", ticker: "BTCUSD", id: "BTCUSD" }],
    ["  btcusd \n", { exchange: "BINANCE", ticker: "BTCUSD", id: "BTCUSD" }],
    ["binance:ethusdt", { exchange: "BINANCE", ticker: "ETHUSDT", id: "ETHUSDT" }],
    ["COINBASE:ETHUSD", { exchange: "COINBASE", ticker: "ETHUSD", id: "COINBASE:ETHUSD" }],
    ["1000PEPEUSDT", { exchange: "BINANCE", ticker: "1000PEPEUSDT", id: "1000PEPEUSDT" }],
    ["BTCUSDT.P", { exchange: "BINANCE", ticker: "BTCUSDT.P", id: "BTCUSDT.P" }],
    ["CME:BTC1!", { exchange: "CME", ticker: "BTC1!", id: "CME:BTC1!" }],
  ])("when given %j, then it is normalised and never otherwise rewritten", (input, expected) => {
    expect(parseSymbol(input)).toEqual(expected);
  });

  it.each([
    ["", /empty/],
    ["   ", /empty/],
    ["A".repeat(10_000), /longer than 40/],
    ["BTC USD", /only the letters A-Z/],
    ["BTC€USD", /only the letters A-Z/],
    ["btcuſd", /only the letters A-Z/],
    ["../", /ticker must be/],
    ["BTCUSD?x=", /ticker must be/],
    ["BTC/USD", /ticker must be/],
    ["A:B:C", /more than one ":"/],
    [":BTCUSD", /exchange/],
    ["BINANCE:", /ticker must be/],
    ["<script>", /ticker must be/],
  ])("when given %j, then it is refused with a message saying why", (input, reason) => {
    expect(() => parseSymbol(input)).toThrow(InvalidSymbolError);
    expect(() => parseSymbol(input)).toThrow(reason);
  });

  it("when the error quotes a long input, then the message stays short", () => {
    const error = (() => {
      try {
        parseSymbol("X".repeat(10_000));
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error!.message.length).toBeLessThan(200);
  });

  it("when given any string, then it either throws InvalidSymbolError or returns a safe, stable symbol", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.stringMatching(/^[a-zA-Z0-9:._! -]{0,45}$/)), (input) => {
        let ref;
        try {
          ref = parseSymbol(input);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidSymbolError);
          return;
        }
        expect(ref.id.length).toBeLessThanOrEqual(MAX_SYMBOL_LENGTH);
        expect(ref.ticker).toMatch(/^[A-Z0-9][A-Z0-9._!]*$/);
        expect(`${ref.exchange}:${ref.ticker}`).not.toMatch(/[/?#%\s]/);
        expect(parseSymbol(ref.id)).toEqual(ref);
        expect(input.trim().toUpperCase()).toMatch(new RegExp(`(^|:)${ref.ticker.replace(/[.!]/g, "\\$&")}$`));
      }),
      { numRuns: 2_000 },
    );
  });
});
