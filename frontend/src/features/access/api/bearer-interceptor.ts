import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import type { TokenStore } from "./token-store.js";

/** What the interceptor needs of the token store: the token, and where to report the outcome. */
export type TokenSource = Pick<TokenStore, "token" | "answered" | "unauthenticated">;

/**
 * createBearerInterceptor sends the current token, read at each call, as
 * `Authorization: Bearer <token>`, and tells `tokens` how the server took it: answered (a unary
 * response, or a stream's first message) or refused as UNAUTHENTICATED, whether the refusal comes
 * at once or in a stream's end. The transport is made once with it; a new token needs no new
 * transport. Errors pass through unchanged.
 */
export function createBearerInterceptor(tokens: TokenSource): Interceptor {
  return (next) => async (req) => {
    const token = tokens.token();
    if (token !== undefined) req.header.set("Authorization", `Bearer ${token}`);
    const report = (err: unknown) => {
      if (ConnectError.from(err).code === Code.Unauthenticated) tokens.unauthenticated(token);
    };
    try {
      const res = await next(req);
      if (!res.stream) {
        tokens.answered(token);
        return res;
      }
      return { ...res, message: observe(res.message, () => tokens.answered(token), report) };
    } catch (err) {
      report(err);
      throw err;
    }
  };
}

/** observe passes `messages` through, calling `answered` once at the first or at a clean end. */
async function* observe<T>(
  messages: AsyncIterable<T>,
  answered: () => void,
  failed: (err: unknown) => void,
): AsyncGenerator<T> {
  let first = true;
  try {
    for await (const message of messages) {
      if (first) answered();
      first = false;
      yield message;
    }
    if (first) answered();
  } catch (err) {
    failed(err);
    throw err;
  }
}
