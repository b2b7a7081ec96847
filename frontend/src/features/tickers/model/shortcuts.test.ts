import { describe, expect, it } from "vitest";
import { shortcutFor } from "./shortcuts.js";

const press = (key: string, target: EventTarget | null = document.body, mods: Partial<Record<"ctrlKey" | "altKey" | "metaKey", boolean>> = {}) =>
  shortcutFor({ key, target, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe("shortcutFor", () => {
  it("when / or ? is pressed on the page, then it is the page's key", () => {
    expect(press("/")).toBe("focus-ticker");
    expect(press("?")).toBe("show-help");
    expect(press("a")).toBeUndefined();
  });

  it("when the key is typed into a field or pressed with a modifier, then it is not ours", () => {
    for (const tag of ["input", "textarea", "select"]) expect(press("/", document.createElement(tag))).toBeUndefined();
    const editable = document.createElement("div");
    editable.contentEditable = "true";
    document.body.append(editable);
    expect(press("?", editable)).toBeUndefined();
    editable.remove();
    expect(press("/", document.body, { ctrlKey: true })).toBeUndefined();
    expect(press("?", document.body, { metaKey: true })).toBeUndefined();
  });
});
