import { describe, expect, it, vi } from "vitest";
import { quietLogger as quiet, refusingStorage } from "./testing/storage-doubles.js";
import { createPreference, oneOf } from "./preference.js";

const make = (storage: Storage = localStorage, fallback: () => "a" | "b" = () => "a") =>
  createPreference<"a" | "b">({ storage, log: quiet, key: "test.pref", parse: (s) => (s === "a" || s === "b" ? s : undefined), fallback });

describe("createPreference", () => {
  it("when a choice is made, then listeners hear it once and the next page starts with it", () => {
    const first = make();
    expect(first.get()).toBe("a");
    const listener = vi.fn();
    first.subscribe(listener);
    first.set("b");
    first.set("b");
    expect(listener).toHaveBeenCalledTimes(1);
    expect(make().get()).toBe("b");
  });

  it("when the saved text is unknown or storage throws, then the fallback holds and nothing throws", () => {
    localStorage.setItem("test.pref", "zzz");
    expect(make(localStorage, () => "b").get()).toBe("b");
    const preference = make(refusingStorage());
    preference.set("b");
    expect(preference.get()).toBe("b");
  });

  it("when oneOf reads saved text, then only its names are taken", () => {
    const parse = oneOf("on", "off");
    expect([parse("on"), parse("off"), parse("ON"), parse("")]).toEqual(["on", "off", undefined, undefined]);
  });
});
