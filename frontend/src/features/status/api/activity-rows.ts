import { timestampMs } from "@bufbuild/protobuf/wkt";
import { ActivityKind, type ActivityEvent } from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import type { ActivityKindName, ActivityRow } from "../model/activity.js";

const KIND: Readonly<Record<ActivityKind, ActivityKindName>> = {
  [ActivityKind.UNSPECIFIED]: "other",
  [ActivityKind.SYMBOL_WATCHED]: "watched",
  [ActivityKind.SYMBOL_RELEASED]: "released",
  [ActivityKind.PAGE_OPENED]: "page-opened",
  [ActivityKind.PAGE_LIVE]: "page-live",
  [ActivityKind.PAGE_RELOADED]: "page-reloaded",
  [ActivityKind.PAGE_CLOSED]: "page-closed",
  [ActivityKind.NOT_FOUND]: "not-found",
  [ActivityKind.FAILED]: "failed",
  [ActivityKind.RECONNECTING]: "reconnecting",
  [ActivityKind.BROWSER_RELAUNCHED]: "browser-relaunched",
  [ActivityKind.STREAM_REFUSED]: "stream-refused",
  [ActivityKind.UNAUTHENTICATED]: "unauthenticated",
  [ActivityKind.SHUTDOWN]: "shutdown",
  [ActivityKind.SKIPPED]: "skipped",
};

/** toActivityRow is `event` as the Activity list keeps it. */
export function toActivityRow(event: ActivityEvent): ActivityRow {
  const occurredAtMs = event.occurredAt === undefined ? undefined : timestampMs(event.occurredAt);
  return {
    key: `${event.sequence}@${occurredAtMs ?? ""}`,
    occurredAtMs,
    kind: KIND[event.kind] ?? "other",
    symbol: event.symbol,
    message: event.message,
  };
}

/** Kinds after which the Status table no longer says what the server holds. */
const TABLE_CHANGES = new Set<ActivityKindName>([
  "watched",
  "released",
  "page-opened",
  "page-live",
  "page-reloaded",
  "page-closed",
  "not-found",
  "failed",
  "reconnecting",
  "browser-relaunched",
]);

/** changesTable is true when an event of `kind` means a row of the Status table changed. */
export function changesTable(kind: ActivityKindName): boolean {
  return TABLE_CHANGES.has(kind);
}
