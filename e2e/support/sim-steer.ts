/**
 * Steering the look-alike from a test (`POST /sim/_control/{TICKER}`, see
 * backend/src/sim/control-routes.ts): its price, its walk, its reset.
 */

/** SimSteer is a command of the control route; only the fields the grid's tests use. */
export interface SimSteer {
  readonly price?: string;
  readonly paused?: boolean;
  readonly reset?: boolean;
}

/** steerSim sends `body` for `ticker`. @throws Error when the look-alike refuses it. */
export async function steerSim(baseUrl: string, ticker: string, body: SimSteer): Promise<void> {
  const res = await fetch(`${baseUrl}/sim/_control/${encodeURIComponent(ticker)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 204) throw new Error(`steering ${ticker} failed: HTTP ${res.status} ${await res.text()}`);
}

/** priceAbove is a plain decimal `units` whole units above `price` ("97123.45", 20 → "97143.45"). */
export function priceAbove(price: string, units: number): string {
  const [whole = "0", fraction] = price.split(".");
  return `${BigInt(whole) + BigInt(units)}${fraction === undefined ? "" : `.${fraction}`}`;
}
