/**
 * Status snapshots and activity events → StatusService messages. Only the server's own facts go
 * in: nothing here reads a request, so no token, header or client address can leak.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import {
  ActivityKind,
  BrowserState,
  ServerMode,
  type ActivityEventSchema,
  type BrowserStatusSchema,
  type WatchedSymbolSchema,
} from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import type { ActivityEvent, ActivityKind as DomainKind, SymbolDetails } from "../../activity/index.js";
import type { SymbolStats } from "../../hub/hub.js";
import { symbolStates } from "../engine/stream-messages.js";

/** BrowserView is what StatusService needs to know of the browser (the scraper's `status()` fits). */
export interface BrowserView {
  readonly state: "starting" | "up" | "relaunching" | "down";
  readonly version: string;
  readonly pagesOpen: number;
  readonly relaunches: number;
  readonly upSince: Date | undefined;
}

const kinds: Readonly<Record<DomainKind, ActivityKind>> = {
  symbol_watched: ActivityKind.SYMBOL_WATCHED,
  symbol_released: ActivityKind.SYMBOL_RELEASED,
  page_opened: ActivityKind.PAGE_OPENED,
  page_live: ActivityKind.PAGE_LIVE,
  page_reloaded: ActivityKind.PAGE_RELOADED,
  page_closed: ActivityKind.PAGE_CLOSED,
  not_found: ActivityKind.NOT_FOUND,
  failed: ActivityKind.FAILED,
  reconnecting: ActivityKind.RECONNECTING,
  browser_relaunched: ActivityKind.BROWSER_RELAUNCHED,
  stream_refused: ActivityKind.STREAM_REFUSED,
  unauthenticated: ActivityKind.UNAUTHENTICATED,
  shutdown: ActivityKind.SHUTDOWN,
  skipped: ActivityKind.SKIPPED,
};

const browserStates: Readonly<Record<BrowserView["state"], BrowserState>> = {
  starting: BrowserState.STARTING,
  up: BrowserState.UP,
  relaunching: BrowserState.RELAUNCHING,
  down: BrowserState.DOWN,
};

const stamp = (date: Date | undefined) => (date ? timestampFromDate(date) : undefined);

/** serverMode is DEMO for the look-alike's simulated prices, else LIVE. */
export function serverMode(demo: boolean): ServerMode {
  return demo ? ServerMode.DEMO : ServerMode.LIVE;
}

/** activityMessage is one ActivityEvent on the wire. */
export function activityMessage(event: ActivityEvent): MessageInitShape<typeof ActivityEventSchema> {
  return {
    sequence: BigInt(event.sequence),
    occurredAt: timestampFromDate(event.at),
    kind: kinds[event.kind],
    symbol: event.symbol,
    message: event.message,
    count: event.count,
  };
}

/** browserMessage is the BrowserStatus section. */
export function browserMessage(view: BrowserView): MessageInitShape<typeof BrowserStatusSchema> {
  return {
    state: browserStates[view.state],
    version: view.version,
    pagesOpen: view.pagesOpen,
    relaunches: view.relaunches,
    upSince: stamp(view.upSince),
  };
}

/** watchedSymbolMessage joins what the hub holds of a symbol with what the board remembers. */
export function watchedSymbolMessage(
  stats: SymbolStats,
  details: SymbolDetails | undefined,
  owner: string,
): MessageInitShape<typeof WatchedSymbolSchema> {
  return {
    symbol: stats.symbol,
    state: symbolStates[stats.state],
    subscribers: stats.subscribers,
    watchedSince: stamp(details?.watchedSince),
    pageOpenedAt: stamp(details?.pageOpenedAt),
    lastPrice: details?.lastPrice ?? "",
    lastChangedAt: stamp(details?.lastChangedAt),
    reloads: details?.reloads ?? 0,
    reopens: details?.reopens ?? 0,
    lastProblem: details?.lastProblem ?? "",
    lastProblemAt: stamp(details?.lastProblemAt),
    ownerInstanceId: owner,
  };
}
