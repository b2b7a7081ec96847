import { describe, expect, it } from "vitest";
import { ConfigError, configDefaults, loadConfig } from "./config.js";

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("when nothing is set, then every setting is its default", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ ...configDefaults, demo: false, metricsPublic: false, allowedOrigins: [] });
    expect(config.apiToken).toBeUndefined();
    expect(config.chromiumPath).toBeUndefined();
  });

  it("when values are set in loose shapes, then they are read and normalised", () => {
    const config = loadConfig({
      PORT: " 8080 ",
      HEADLESS: "YES",
      DEMO: "1",
      METRICS_PUBLIC: "False",
      DEFAULT_EXCHANGE: "coinbase",
      LOG_LEVEL: "DEBUG",
      TRADINGVIEW_BASE_URL: "http://127.0.0.1:9000/sim/",
      ALLOWED_ORIGINS: "https://a.example/, http://localhost:5173,,",
      API_TOKEN: "0123456789abcdef",
    });
    expect(config).toMatchObject({
      port: 8080,
      headless: true,
      demo: true,
      metricsPublic: false,
      defaultExchange: "COINBASE",
      logLevel: "debug",
      tradingViewBaseUrl: "http://127.0.0.1:9000/sim",
      allowedOrigins: ["https://a.example", "http://localhost:5173"],
      apiToken: "0123456789abcdef",
    });
  });

  it("when ALLOWED_HOSTS is set, then its names are read lower-cased; a URL or a port in it is refused with what to use", () => {
    expect(loadConfig({ ALLOWED_HOSTS: " Prices.Example.com, www.prices.example.com " }).allowedHosts).toEqual(["prices.example.com", "www.prices.example.com"]);
    expect(problems({ ALLOWED_HOSTS: "https://prices.example.com" })[0]).toContain('ALLOWED_HOSTS: "https://prices.example.com" is not a host name');
    expect(problems({ ALLOWED_HOSTS: "prices.example.com:443" })[0]).toContain("without scheme or port");
  });

  it("when a variable is blank, then it counts as unset", () => {
    expect(loadConfig({ PORT: "  ", API_TOKEN: "", REDIS_URL: " " })).toMatchObject({ port: configDefaults.port, apiToken: undefined, redisUrl: undefined });
  });

  it("when many variables are wrong, then every one is reported at once, by name, with what to use", () => {
    const found = problems({
      PORT: "70000",
      MAX_SYMBOLS: "lots",
      HEADLESS: "maybe",
      LOG_LEVEL: "loud",
      TRADINGVIEW_BASE_URL: "ftp://example.com",
      DEFAULT_EXCHANGE: "9X",
      ALLOWED_ORIGINS: "https://ok.example,https://bad.example/path",
      CHROMIUM_PATH: "/no/such/chromium",
    });
    expect(found).toEqual([
      'PORT="70000": use a whole number from 0 to 65535 (default 3000)',
      'TRADINGVIEW_BASE_URL="ftp://example.com": use an http(s) URL such as https://www.tradingview.com',
      'DEFAULT_EXCHANGE="9X": use an exchange such as BINANCE',
      'CHROMIUM_PATH="/no/such/chromium": no such file; point it at a Chromium or Chrome executable, or unset it',
      'HEADLESS="maybe": use true or false',
      'MAX_SYMBOLS="lots": use a whole number from 1 to 1000 (default 50)',
      'ALLOWED_ORIGINS: "https://bad.example/path" is not an origin; use e.g. https://example.com,http://localhost:5173',
      'LOG_LEVEL="loud": use one of debug, info, warn, error',
    ]);
  });

  it("when the history limits are set, then they are read, 0 points meaning none, and a bad window is refused", () => {
    expect(loadConfig({ HISTORY_MAX_POINTS: "0", HISTORY_WINDOW_MS: "60000" })).toMatchObject({ historyMaxPoints: 0, historyWindowMs: 60_000 });
    expect(problems({ HISTORY_WINDOW_MS: "5" })).toEqual(['HISTORY_WINDOW_MS="5": use a whole number from 1000 to 86400000 (default 900000)']);
  });

  it("when SIM_FILL_DELAY_MS is set, then MIN-MAX or one number is read, and a reversed or wordy range is refused", () => {
    expect(loadConfig({}).simFillDelayMs).toEqual([300, 800]);
    expect(loadConfig({ SIM_FILL_DELAY_MS: "250-900" }).simFillDelayMs).toEqual([250, 900]);
    expect(loadConfig({ SIM_FILL_DELAY_MS: "0" }).simFillDelayMs).toEqual([0, 0]);
    for (const value of ["900-250", "fast", "1-2-3", "0-60001"]) {
      expect(problems({ SIM_FILL_DELAY_MS: value })).toEqual([expect.stringMatching(/^SIM_FILL_DELAY_MS=.*use MIN-MAX in whole ms/)]);
    }
  });

  it("when API_TOKEN is too short, then the problem says so without echoing it", () => {
    const found = problems({ API_TOKEN: "hunter2" });
    expect(found).toEqual(["API_TOKEN: use at least 16 characters (e.g. `openssl rand -hex 32`)"]);
  });
});
