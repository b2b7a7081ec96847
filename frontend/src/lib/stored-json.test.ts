import { describe, expect, it } from "vitest";
import { readStoredJson, writeStoredJson } from "./stored-json.js";
import { recordingLogger as recorder, refusingStorage } from "./testing/storage-doubles.js";

const denied = refusingStorage();

describe("stored JSON", () => {
  it("when a value is written, then it reads back parsed; nothing saved reads as none, and nothing is logged", () => {
    const { log, warnings } = recorder();
    expect(readStoredJson(localStorage, "test.json", log, "things")).toEqual({ kind: "none" });
    expect(writeStoredJson(localStorage, "test.json", { a: [1, "b"] }, log, "things")).toBe(true);
    expect(readStoredJson(localStorage, "test.json", log, "things")).toEqual({ kind: "read", value: { a: [1, "b"] } });
    expect(warnings).toEqual([]);
  });

  it("when the text is not JSON, then it says so and logs nothing: the caller says what it falls back to", () => {
    const { log, warnings } = recorder();
    localStorage.setItem("test.json", "{not json");
    expect(readStoredJson(localStorage, "test.json", log, "things")).toEqual({ kind: "not-json" });
    expect(warnings).toEqual([]);
  });

  it("when storage throws, then reading is unavailable, writing says false, and each is logged once by what it holds", () => {
    const { log, warnings } = recorder();
    expect(readStoredJson(denied, "test.json", log, "things")).toEqual({ kind: "unavailable" });
    expect(writeStoredJson(denied, "test.json", [], log, "things")).toBe(false);
    expect(warnings).toEqual(["cannot read saved things: Error: denied", "cannot save things: Error: quota"]);
  });
});
