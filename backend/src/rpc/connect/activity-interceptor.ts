/**
 * Tells the activity log about refused calls: a stream refused by a limit (named by the limit's
 * setting alone: refusal messages carry numbers the client chose, such as a declared frame size,
 * and notes keyed on them would let crafted requests push every real event out of the log) and
 * any call without a valid token (counted only: nothing of the request is kept). It sits outside every other interceptor, so it
 * sees the token check's refusals too.
 */
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import type { DescMethod } from "@bufbuild/protobuf";
import type { Activity } from "../../activity/index.js";
import { SymbolLimitError } from "../../hub/errors.js";
import { RequestLimitError } from "../errors.js";

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
    activity.streamRefused(`${method.name} hit ${limitOf(error)}`);
  }
}

/** limitOf names the limit behind a RESOURCE_EXHAUSTED refusal, from its cause, never from its message. */
function limitOf(error: ConnectError): string {
  const { cause } = error;
  if (cause instanceof RequestLimitError && cause.setting) return cause.setting;
  if (cause instanceof SymbolLimitError) return "MAX_SYMBOLS";
  // Connect's own and the direct path's size checks carry no cause: the request size is their only limit.
  return "the request size limit";
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
