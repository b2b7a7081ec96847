/**
 * CatalogService: SearchSymbols over the shipped catalog (catalog/). Unary and side-effect free,
 * so Connect also serves it for HTTP GET. It sits behind the same token rule as PriceService,
 * applied by the router's interceptors like every other service.
 */
import { Code, ConnectError, type ConnectRouter, type ServiceImpl } from "@connectrpc/connect";
import { CatalogService } from "@crypto-stream/gen/cryptostream/v1/catalog_service_pb.js";
import { MAX_CATALOG_QUERY_LENGTH } from "@crypto-stream/symbols/catalog-query.js";
import { CATALOG, type CatalogPair } from "../../catalog/catalog.js";
import { createCatalogSearch } from "../../catalog/catalog-search.js";

/** DEFAULT_LIMIT is how many entries a request with no limit (0) gets. */
export const DEFAULT_LIMIT = 8;
/** MAX_LIMIT bounds a response: a larger limit is treated as this, as a page size would be. */
export const MAX_LIMIT = 50;
/** MAX_QUERY_LENGTH bounds a query (the rule the grid shares, packages/symbols); longer is INVALID_ARGUMENT. */
export const MAX_QUERY_LENGTH = MAX_CATALOG_QUERY_LENGTH;

/** CatalogServiceOptions: bare tickers mean `defaultExchange`; `pairs` defaults to the shipped catalog. */
export interface CatalogServiceOptions {
  defaultExchange: string;
  pairs?: readonly CatalogPair[];
}

function createCatalogService(options: CatalogServiceOptions): ServiceImpl<typeof CatalogService> {
  const search = createCatalogSearch(options.pairs ?? CATALOG, options.defaultExchange);
  return {
    searchSymbols(request) {
      if (request.query.length > MAX_QUERY_LENGTH) {
        throw new ConnectError(
          `query is ${request.query.length} characters, more than ${MAX_QUERY_LENGTH}: send the start of a ticker or a name, e.g. "BTC" or "bitcoin"`,
          Code.InvalidArgument,
        );
      }
      const limit = request.limit === 0 ? DEFAULT_LIMIT : Math.min(request.limit, MAX_LIMIT);
      const entries = search(request.query, limit).map(({ symbol, pair }) => ({
        symbol,
        name: pair.name,
        exchange: pair.exchange,
        base: pair.base,
        quote: pair.quote,
      }));
      return { entries };
    },
  };
}

/** createCatalogRoutes registers CatalogService on a Connect router. */
export function createCatalogRoutes(options: CatalogServiceOptions): (router: ConnectRouter) => void {
  const service = createCatalogService(options);
  return (router) => {
    router.service(CatalogService, service);
  };
}
