export { createScraper, type Scraper, type ScraperOptions } from "./scraper.js";
export { parsePrice } from "./parse-price.js";
export { symbolPageUrl, DEFAULT_BASE_URL } from "./tradingview.js";
