/**
 * Deadlines past what a Node timer holds. `setTimeout` turns any delay above 2³¹−1 ms (about 24.8
 * days) into 1 ms, so a client asking for a very long deadline (`Connect-Timeout-Ms: 9999999999`,
 * `grpc-timeout: 99999999H`) would have its stream end at once with DEADLINE_EXCEEDED. A long
 * deadline means a long deadline: both serving paths clamp it to the longest a timer holds.
 */
import type { IncomingHttpHeaders } from "node:http";
import * as connect from "@connectrpc/connect/protocol-connect";
import * as grpc from "@connectrpc/connect/protocol-grpc";

/** MAX_DEADLINE_MS is the longest delay a Node timer keeps: 2³¹−1 ms. */
const MAX_DEADLINE_MS = 2 ** 31 - 1;

/** clampDeadline bounds a parsed timeout (the direct path's) by MAX_DEADLINE_MS. */
export function clampDeadline<T extends { timeoutMs?: number }>(parsed: T): T {
  return parsed.timeoutMs !== undefined && parsed.timeoutMs > MAX_DEADLINE_MS ? { ...parsed, timeoutMs: MAX_DEADLINE_MS } : parsed;
}

const CONNECT_HEADER = connect.headerTimeout.toLowerCase();
const GRPC_HEADER = grpc.headerTimeout.toLowerCase();
/** A gRPC timeout has at most 8 digits: MAX_DEADLINE_MS in whole seconds fits, and stays under it. */
const GRPC_MAX = `${Math.floor(MAX_DEADLINE_MS / 1000)}S`;

/**
 * clampDeadlineHeaders rewrites, in place, a deadline header past MAX_DEADLINE_MS to the longest
 * one, for the Connect middleware, which reads the header itself. A malformed value is left as it
 * is, for the protocol's own error.
 */
export function clampDeadlineHeaders(headers: IncomingHttpHeaders): void {
  const connectValue = headers[CONNECT_HEADER];
  if (typeof connectValue === "string" && (connect.parseTimeout(connectValue, Number.MAX_SAFE_INTEGER).timeoutMs ?? 0) > MAX_DEADLINE_MS) {
    headers[CONNECT_HEADER] = String(MAX_DEADLINE_MS);
  }
  const grpcValue = headers[GRPC_HEADER];
  if (typeof grpcValue === "string" && (grpc.parseTimeout(grpcValue, Number.MAX_SAFE_INTEGER).timeoutMs ?? 0) > MAX_DEADLINE_MS) {
    headers[GRPC_HEADER] = GRPC_MAX;
  }
}
