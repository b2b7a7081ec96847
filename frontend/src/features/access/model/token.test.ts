import { describe, expect, it } from "vitest";
import { parseToken } from "./token.js";

describe("parseToken", () => {
  it("when a token is pasted with spaces around it, then they are dropped", () => {
    expect(parseToken("  s3cret-token_0123456789\n")).toEqual({ ok: true, token: "s3cret-token_0123456789" });
  });

  it("when the input is empty or cannot go into a header, then it is refused without repeating it", () => {
    expect(parseToken("   ")).toEqual({ ok: false, reason: "Enter the access token." });
    for (const input of ["two words", "tökén", "tab\tinside"]) {
      const parsed = parseToken(input);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reason).not.toContain(input);
    }
  });
});
