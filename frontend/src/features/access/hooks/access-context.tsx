import { createContext, useContext, type ReactNode } from "react";
import type { TokenStore } from "../api/token-store.js";

const AccessContext = createContext<TokenStore | undefined>(undefined);

/**
 * AccessProvider hands the page's one token store to everything below it. The store is made at
 * start, next to the transport whose interceptor reads it; the provider neither makes nor owns it.
 */
export function AccessProvider(props: { tokens: TokenStore; children: ReactNode }) {
  return <AccessContext value={props.tokens}>{props.children}</AccessContext>;
}

/**
 * useTokenStore returns the store from the nearest AccessProvider.
 * @throws Error when there is none: a wiring bug.
 */
export function useTokenStore(): TokenStore {
  const tokens = useContext(AccessContext);
  if (tokens === undefined) throw new Error("useTokenStore needs an <AccessProvider> above it");
  return tokens;
}
