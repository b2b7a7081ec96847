/**
 * The pairs the look-alike knows: the fifty-odd largest coins against USD and USDT, with plausible
 * starting prices and the tick size TradingView shows for their magnitude. Every other ticker gets
 * the error page, as on TradingView.
 */

/** PairSpec describes one known ticker. */
export interface PairSpec {
  /** ticker, e.g. "BTCUSD". */
  readonly ticker: string;
  /** name is what the page header shows, e.g. "Bitcoin / U.S. Dollar". */
  readonly name: string;
  /** currency is the quote currency shown beside the price, "USD" or "USDT". */
  readonly currency: "USD" | "USDT";
  /** start is the opening price as a plain decimal with exactly `decimals` fraction digits. */
  readonly start: string;
  /** decimals is the tick size as fraction digits: 2 means a tick of 0.01. */
  readonly decimals: number;
}

/** [base, coin name, starting price in USD]; the price's fraction digits set the tick size. */
const COINS: readonly (readonly [string, string, string])[] = [
  ["BTC", "Bitcoin", "97123.45"],
  ["ETH", "Ethereum", "3456.78"],
  ["XRP", "XRP", "2.3456"],
  ["BNB", "BNB", "654.32"],
  ["SOL", "Solana", "187.65"],
  ["USDC", "USD Coin", "1.0001"],
  ["DOGE", "Dogecoin", "0.23456"],
  ["ADA", "Cardano", "0.8765"],
  ["TRX", "TRON", "0.2456"],
  ["LINK", "Chainlink", "23.456"],
  ["AVAX", "Avalanche", "34.56"],
  ["XLM", "Stellar", "0.4123"],
  ["SUI", "Sui", "4.1234"],
  ["TON", "Toncoin", "5.432"],
  ["HBAR", "Hedera", "0.28765"],
  ["SHIB", "Shiba Inu", "0.00001234"],
  ["DOT", "Polkadot", "6.789"],
  ["LTC", "Litecoin", "104.56"],
  ["BCH", "Bitcoin Cash", "456.78"],
  ["HYPE", "Hyperliquid", "32.123"],
  ["UNI", "Uniswap", "12.345"],
  ["XMR", "Monero", "234.56"],
  ["PEPE", "Pepe", "0.00001876"],
  ["AAVE", "Aave", "312.34"],
  ["NEAR", "NEAR Protocol", "5.123"],
  ["APT", "Aptos", "9.876"],
  ["ICP", "Internet Computer", "10.234"],
  ["ETC", "Ethereum Classic", "27.89"],
  ["ONDO", "Ondo", "1.2345"],
  ["POL", "Polygon", "0.4567"],
  ["TAO", "Bittensor", "456.70"],
  ["KAS", "Kaspa", "0.12345"],
  ["CRO", "Cronos", "0.12345"],
  ["VET", "VeChain", "0.04567"],
  ["ALGO", "Algorand", "0.3456"],
  ["FIL", "Filecoin", "5.432"],
  ["RENDER", "Render", "7.123"],
  ["ARB", "Arbitrum", "0.7654"],
  ["ATOM", "Cosmos", "6.543"],
  ["OP", "Optimism", "1.876"],
  ["FET", "Artificial Superintelligence Alliance", "1.2345"],
  ["INJ", "Injective", "23.45"],
  ["STX", "Stacks", "1.5432"],
  ["IMX", "Immutable", "1.2345"],
  ["TIA", "Celestia", "5.678"],
  ["SEI", "Sei", "0.4567"],
  ["GRT", "The Graph", "0.2345"],
  ["BONK", "Bonk", "0.00002345"],
  ["WIF", "dogwifhat", "1.8765"],
  ["MKR", "Maker", "1543.21"],
  ["ENA", "Ethena", "0.8765"],
  ["JUP", "Jupiter", "0.9876"],
  ["LDO", "Lido DAO", "1.7654"],
];

const QUOTES = { USD: "U.S. Dollar", USDT: "Tether USDt" } as const;

function buildCatalog(): ReadonlyMap<string, PairSpec> {
  const pairs = new Map<string, PairSpec>();
  for (const [base, coin, start] of COINS) {
    const decimals = start.split(".")[1]?.length ?? 0;
    for (const currency of ["USD", "USDT"] as const) {
      const ticker = `${base}${currency}`;
      pairs.set(ticker, { ticker, name: `${coin} / ${QUOTES[currency]}`, currency, start, decimals });
    }
  }
  // Tether itself only trades against the dollar.
  pairs.set("USDTUSD", {
    ticker: "USDTUSD",
    name: `Tether USDt / ${QUOTES.USD}`,
    currency: "USD",
    start: "1.0002",
    decimals: 4,
  });
  return pairs;
}

/** CATALOG maps each known ticker to its spec. Tickers are upper case. */
export const CATALOG: ReadonlyMap<string, PairSpec> = buildCatalog();
