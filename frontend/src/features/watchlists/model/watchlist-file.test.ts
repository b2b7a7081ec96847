import { describe, expect, it } from "vitest";
import { exportText, MAX_FILE_BYTES, readExportText } from "./watchlist-file.js";

const file = (lists: unknown, extra: object = {}) => JSON.stringify({ format: "crypto-stream.watchlists", version: 1, lists, ...extra });

describe("the watchlist file", () => {
  it("when lists are exported, then reading the file gives them back, names and symbols only", () => {
    const text = exportText([
      { id: "list-1", name: "Majors", symbols: ["BINANCE:BTCUSD", "COINBASE:ETHUSD"] },
      { id: "list-2", name: "Empty", symbols: [] },
    ]);
    expect(text).not.toContain("list-1");
    expect(readExportText(text)).toEqual({
      ok: true,
      lists: [
        { name: "Majors", symbols: ["BINANCE:BTCUSD", "COINBASE:ETHUSD"] },
        { name: "Empty", symbols: [] },
      ],
    });
  });

  it.each([
    ["not JSON", "{lists:", /not JSON/],
    ["another format", JSON.stringify({ lists: [] }), /not a Crypto Stream watchlist export/],
    ["a newer version", file([], { version: 2 }), /version 2/],
    ["no lists", file([]), /no "lists"/],
    ["too many lists", file(Array.from({ length: 21 }, (_, i) => ({ name: `L${i}`, symbols: [] }))), /at most 20/],
    ["a list without a name", file([{ symbols: [] }]), /list 1 needs a "name"/],
    ["a name too long", file([{ name: "n".repeat(41), symbols: [] }]), /list 1: .*at most 40/],
    ["a bad ticker", file([{ name: "A", symbols: ["BTCUSD", "NOT A TICKER"] }]), /list 1 \("A"\) holds entries that are not tickers: "NOT A TICKER"/],
    ["too many tickers", file([{ name: "A", symbols: Array.from({ length: 51 }, (_, i) => `T${i}`) }]), /more than 50 tickers/],
    ["an oversized text", " ".repeat(MAX_FILE_BYTES + 1), /larger than 256 kB/],
  ])("when the file has %s, then it is refused whole, saying why and that nothing changed", (_, text, reason) => {
    const read = readExportText(text);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.reason).toMatch(reason);
      expect(read.reason).toMatch(/Nothing was changed\.$/);
    }
  });
});
