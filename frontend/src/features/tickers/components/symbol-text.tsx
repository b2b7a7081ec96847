/**
 * SymbolText is a ticker id written so it can break only after the exchange's colon:
 * "COINBASE:" then "ETHUSD", never "COINBASE:ETHUS" / "D". Its text is the id, whole, for
 * whoever reads the heading (screen readers, the card's accessible name).
 */
export function SymbolText(props: { symbol: string }) {
  const colon = props.symbol.indexOf(":");
  if (colon === -1) return <span className="ticker-symbol-part">{props.symbol}</span>;
  return (
    <>
      <span className="ticker-symbol-part ticker-exchange">{props.symbol.slice(0, colon + 1)}</span>
      <wbr />
      <span className="ticker-symbol-part">{props.symbol.slice(colon + 1)}</span>
    </>
  );
}
