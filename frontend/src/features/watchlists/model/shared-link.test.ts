import { describe, expect, it } from "vitest";
import { linkTo, symbolsInLink, withoutLink } from "./shared-link.js";

describe("shared links", () => {
  it("when a link is made for a list, then reading it gives the same list", () => {
    const link = linkTo("http://localhost:3000/?symbols=OLD#top", ["BTCUSD", "COINBASE:ETHUSD"]);
    expect(link).toBe("http://localhost:3000/?symbols=BTCUSD,COINBASE:ETHUSD");
    expect(symbolsInLink(new URL(link).search)?.symbols).toEqual(["BTCUSD", "COINBASE:ETHUSD"]);
  });

  it("when the address has no symbols, then there is no shared list", () => {
    expect(symbolsInLink("")).toBeUndefined();
    expect(symbolsInLink("?other=1")).toBeUndefined();
  });

  it("when a link holds bad entries, then the good ones open and the bad ones are reported", () => {
    const read = symbolsInLink("?symbols=btcusd,,<script>,BTCUSD, solusd ");
    expect(read?.symbols).toEqual(["BTCUSD", "SOLUSD"]);
    expect(read?.invalid).toEqual(['"<script>"']);
  });

  it("when a link is hostile in length, then only its bounded start is read and the rest is counted", () => {
    const many = Array.from({ length: 5000 }, (_, i) => `T${i}USD`).join(",");
    const read = symbolsInLink(`?symbols=${many}`);
    expect(read?.symbols).toHaveLength(50);
    expect(read?.overflow).toBe(5000 - 50);
  });

  it("when the list is saved, then the address loses the parameter and keeps the rest", () => {
    expect(withoutLink("http://h:1/?symbols=A,B&x=1#y")).toBe("http://h:1/?x=1#y");
  });
});
