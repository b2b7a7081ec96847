import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.js";

describe("parseConfig", () => {
  it("when no base URL is set, then the API is on the page's origin", () => {
    expect(parseConfig({}, "http://localhost:3000").apiBaseUrl).toBe("http://localhost:3000");
  });

  it("when VITE_API_BASE_URL is set, then it wins, without a trailing slash", () => {
    const config = parseConfig({ VITE_API_BASE_URL: "https://prices.example/api/" }, "http://x");
    expect(config.apiBaseUrl).toBe("https://prices.example/api");
  });

  it("when VITE_API_BASE_URL is not an http(s) URL, then the config is refused", () => {
    expect(() => parseConfig({ VITE_API_BASE_URL: "localhost:3000" }, "http://x")).toThrow(
      ConfigError,
    );
    expect(() => parseConfig({ VITE_API_BASE_URL: "not a url" }, "http://x")).toThrow(ConfigError);
  });
});
