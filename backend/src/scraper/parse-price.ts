/**
 * Price text as a page shows it → the exact decimal string a quote carries.
 *
 * Only en-US formatting is read (the browser context forces that locale): "," groups thousands and
 * "." is the decimal point. A page in another locale prints "5,2169" for 5.2169, which this would
 * read as 52169, so the locale must be forced rather than guessed here.
 */

// Separators a page may put between digit groups: comma, narrow no-break space, no-break space,
// thin space and ordinary white space (line breaks between nested spans included).
const SEPARATORS = /[,\u202f\u00a0\u2009\s]/g;
// Minus signs: U+2212 (what TradingView prints), and the ASCII hyphen-minus.
const MINUS = /^[\u2212-]/;
const DECIMAL = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;

/**
 * parsePrice reads `text` (an element's whole `textContent`) as a decimal price.
 *
 * Pure and total: returns the price as shown with separators removed and U+2212 read as "-"
 * ("97,123.45" → "97123.45", "0.00001234" stays "0.00001234", "−0.5" → "-0.5"), or `null` when the
 * text is not one number ("", "—", "N/A", "1.2.3", "1.2%"). Digits are never rounded or re-formatted:
 * the string is exactly what the page displayed, so equal strings mean an unchanged display.
 */
export function parsePrice(text: string): string | null {
  const compact = text.replace(SEPARATORS, "").replace(MINUS, "-");
  if (!DECIMAL.test(compact)) return null;
  // ".5" reads as 0.5 on screen; a quote should not start with a bare point.
  return compact.replace(/^(-?)\./, "$10.");
}
