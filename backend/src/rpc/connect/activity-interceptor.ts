/**
 * Tells the activity log about refused calls: a stream refused by a limit (with the limit's own
 * words, which name the setting and hold no client data) and any call without a valid token
 * (counted only: nothing of the request is kept). It sits outside every other interceptor, so it
 * sees the token check's refusals too.
 */
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import type { DescMethod } from "@bufbuild/protobuf";
import type { Activity } from "../../activity/index.js";

/** RefusalNotes is the part of the activity log that hears of refused calls. */
export type RefusalNotes = Pick<Activity, "streamRefused" | "unauthenticated">;

/**
 * noteRefusal tells `activity` of `error` ending a call to `method` before its first message:
 * a missing token always, a limit only for a stream. Both the interceptor below and the direct
 * stream path call it; anything else is not a refusal and is ignored.
 */
export function noteRefusal(activity: RefusalNotes, method: DescMethod, error: unknown): void {
  if (!(error instanceof ConnectError)) return;
  if (error.code === Code.Unauthenticated) activity.unauthenticated();
  else if (error.code === Code.ResourceExhausted && method.methodKind === "server_streaming") {
    activity.streamRefused(`${method.name}: ${error.rawMessage}`);
  }
}

/** activityInterceptor reports refusals to `activity`; it never changes a call's outcome. */
export function activityInterceptor(activity: RefusalNotes): Interceptor {
  return (next) => async (req) => {
    const streaming = req.method.methodKind === "server_streaming";
    const note = (error: unknown) => noteRefusal(activity, req.method, error);
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
