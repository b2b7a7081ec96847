/**
 * The rules every call passes, in one list, whatever serves it: the Connect handlers on HTTP/1.1
 * and HTTP/2 take them as interceptors, and the direct stream path applies the same list before it
 * opens a session. In order: refusals are noted in the activity log (first, so it hears the other
 * rules' refusals), then the token rule. Origin and CORS are answered before any call is read, by
 * access.ts's originPolicy, on every transport; limits and shutdown belong to the stream engine,
 * which every path shares.
 */
import type { DescMethod } from "@bufbuild/protobuf";
import type { Interceptor } from "@connectrpc/connect";
import { checkToken, requireToken } from "./access.js";
import { activityInterceptor, noteRefusal, type RefusalNotes } from "./connect/activity-interceptor.js";

/** CallRuleOptions: who may call, and where refusals are noted. */
export interface CallRuleOptions {
  /** token, when set, is required on every service but those named in `open`. */
  token: string | undefined;
  open: readonly string[];
  activity: RefusalNotes;
}

/** CallRules is the list, in the two shapes the serving paths take. */
export interface CallRules {
  /** interceptors are the rules for Connect's handlers, in order. */
  readonly interceptors: Interceptor[];
  /**
   * check applies the rules to a call the direct path took, from its service and headers.
   * @throws ConnectError as the matching interceptor would (UNAUTHENTICATED without the token).
   */
  check(service: string, authorization: string | undefined): void;
  /** refused notes a call that ended before its first message, as the activity interceptor does. */
  refused(method: DescMethod, error: unknown): void;
}

/** createCallRules builds the list once per server; both paths get this object. */
export function createCallRules(options: CallRuleOptions): CallRules {
  const { token, open, activity } = options;
  return {
    interceptors: [activityInterceptor(activity), ...(token ? [requireToken(token, open)] : [])],
    check(service, authorization) {
      if (token) checkToken(token, open, service, authorization);
    },
    refused(method, error) {
      noteRefusal(activity, method, error);
    },
  };
}
