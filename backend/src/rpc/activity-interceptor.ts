/**
 * Tells the activity log about refused calls: a stream refused by a limit (with the limit's own
 * words, which name the setting and hold no client data) and any call without a valid token
 * (counted only: nothing of the request is kept). It sits outside every other interceptor, so it
 * sees the token check's refusals too.
 */
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import type { Activity } from "../activity/index.js";

/** activityInterceptor reports refusals to `activity`; it never changes a call's outcome. */
export function activityInterceptor(activity: Pick<Activity, "streamRefused" | "unauthenticated">): Interceptor {
  return (next) => async (req) => {
    const streaming = req.method.methodKind === "server_streaming";
    const note = (error: unknown) => {
      if (!(error instanceof ConnectError)) return;
      if (error.code === Code.Unauthenticated) activity.unauthenticated();
      else if (error.code === Code.ResourceExhausted && streaming) activity.streamRefused(`${req.method.name}: ${error.rawMessage}`);
    };
    try {
      const res = await next(req);
      if (!res.stream || !streaming) return res;
      return { ...res, message: watchFirst(res.message, note) };
    } catch (error) {
      note(error);
      throw error;
    }
  };
}

/**
 * watchFirst hands `messages` through unchanged, showing `note` an error from its first step only:
 * a stream is refused before its first message, and later messages pay no extra cost.
 */
function watchFirst<T>(messages: AsyncIterable<T>, note: (error: unknown) => void): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const inner = messages[Symbol.asyncIterator]();
      let first = true;
      return {
        next() {
          if (!first) return inner.next();
          first = false;
          return inner.next().catch((error: unknown) => {
            note(error);
            throw error;
          });
        },
        return: (value?: unknown) => inner.return?.(value) ?? Promise.resolve({ done: true, value: undefined }),
      };
    },
  };
}
