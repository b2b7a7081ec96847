/**
 * What the server and the grid both need of CatalogService.SearchSymbols: the longest query the
 * server accepts (UTF-16 code units, before trimming; longer is INVALID_ARGUMENT), which the grid
 * also uses so it never sends a query the server would only refuse.
 */
export const MAX_CATALOG_QUERY_LENGTH = 64;
