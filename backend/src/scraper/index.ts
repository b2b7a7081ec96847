/**
 * The Playwright scraper: reads TradingView symbol pages in one shared Chromium and serves them to
 * the hub as a PriceSource. It knows neither Connect nor the generated code.
 */
export { createScraper, type Scraper, type ScraperOptions } from "./scraper.js";
