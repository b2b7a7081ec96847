import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import {
  Code,
  ConnectError,
  createRouterTransport,
  type ConnectRouter,
  type Interceptor,
  type Transport,
} from "@connectrpc/connect";
import {
  AlertSchema,
  PriceService,
  type Alert,
  type SymbolState,
  WatchResponseSchema,
  type UpdateWatchRequest,
} from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { checkSymbol, DEFAULT_EXCHANGE, symbolId } from "@crypto-stream/symbols/symbol.js";

/**
 * Test-only: an in-memory PriceService behind `createRouterTransport`, which tests drive by hand.
 * Each Watch call becomes a {@link FakeWatch}; nothing is sent unless the test says so, except
 * `started` (unless `autoStart` is off). With `requiredToken` set it refuses, as the server does
 * with API_TOKEN, every call without `Authorization: Bearer <token>`.
 */

/** FakeWatch is one open Watch call, seen from the server. */
export interface FakeWatch {
  readonly watchId: string;
  /** requested are the symbols the client opened the watch with. */
  readonly requested: readonly string[];
  /** symbols are what the watch holds now. */
  readonly symbols: ReadonlySet<string>;
  /** alerts are what SetAlert set on the watch and RemoveAlert or a firing did not take away, by id. */
  readonly alerts: ReadonlyMap<string, Alert>;
  /** authorization is the call's Authorization header, or null. */
  readonly authorization: string | null;
  /** aborted is true once the client cancelled the call while it was open. */
  readonly aborted: boolean;
  /** open is true until the call ends, whichever side ends it. */
  readonly open: boolean;
  start(): void;
  quote(symbol: string, price: string, observedAtMs?: number, change?: DayChange): void;
  /** history sends `symbol`'s recent quotes, oldest first, as the server does when it is added. */
  history(symbol: string, quotes: readonly FakeQuote[]): void;
  status(symbol: string, state: SymbolState, message?: string): void;
  heartbeat(): void;
  /** fire sends AlertTriggered for alert `alertId` on `price`, and drops the alert (it fired once). */
  fire(alertId: string, price: string, observedAtMs?: number): void;
  /** fail ends the stream with `error`. */
  fail(error: ConnectError): void;
  /** end ends the stream without an error. */
  end(): void;
}

/** DayChange is a quote's day's change, exact signed decimals; omitted fields are sent empty. */
export interface DayChange {
  readonly change?: string;
  readonly changePercent?: string;
}

/** FakeQuote is one quote of a history. */
export interface FakeQuote extends DayChange {
  readonly price: string;
  readonly observedAtMs: number;
}

/** FakePriceService is the fake and what it has seen. */
export interface FakePriceService {
  readonly transport: Transport;
  /** watches are every Watch call, oldest first. */
  readonly watches: readonly FakeWatch[];
  /** updates are every UpdateWatch request, oldest first, including refused ones. */
  readonly updates: readonly Pick<UpdateWatchRequest, "watchId" | "add" | "remove">[];
  /** latest is the newest Watch call; throws when there is none. */
  latest(): FakeWatch;
  /** refuseUpdate, when set, may throw to fail an UpdateWatch before it is applied. */
  refuseUpdate?: (request: UpdateWatchRequest) => void;
  /** refuseAlert, when set, may throw to fail a SetAlert before it is applied. */
  refuseAlert?: (alert: Alert) => void;
  /** requiredToken, when set, is the only token the fake accepts: see the file's comment. */
  requiredToken?: string;
  /** calls are every call that reached the fake, refused ones included, oldest first. */
  readonly calls: readonly FakeCall[];
}

/** FakeCall is one call as the fake's door saw it. */
export interface FakeCall {
  readonly method: string;
  readonly authorization: string | null;
  /** refused is true when the call was refused as UNAUTHENTICATED. */
  readonly refused: boolean;
}

/** FakeOptions shape the fake: `autoStart: false` holds back each `started`. */
export interface FakeOptions {
  autoStart?: boolean;
  /** interceptors are the client's, applied by the fake's transport to every call. */
  interceptors?: Interceptor[];
}

type Event = MessageInitShape<typeof WatchResponseSchema>["event"];
type Item = { event: Event } | { error: ConnectError } | { end: true };

/** createFakePriceService makes the fake. */
export function createFakePriceService(options: FakeOptions = {}): FakePriceService {
  const watches: FakeWatchImpl[] = [];
  const updates: FakePriceService["updates"][number][] = [];
  const calls: FakeCall[] = [];
  let alertCount = 0;
  const door: Interceptor = (next) => async (req) => {
    const authorization = req.header.get("authorization");
    const wanted = fake.requiredToken === undefined ? undefined : `Bearer ${fake.requiredToken}`;
    const refused = wanted !== undefined && authorization !== wanted;
    calls.push({ method: req.method.name, authorization, refused });
    if (refused) throw new ConnectError("missing or wrong API token", Code.Unauthenticated);
    return next(req);
  };
  const routes = ({ service }: ConnectRouter) => {
    service(PriceService, {
      async *watch(request, context) {
        const authorization = context.requestHeader.get("authorization");
        const watch = new FakeWatchImpl(`watch-${watches.length + 1}`, request.symbols, authorization);
        watches.push(watch);
        context.signal.addEventListener("abort", () => watch.onAbort());
        if (options.autoStart ?? true) watch.start();
        try {
          for (;;) {
            const item = await watch.next();
            if (item === undefined || "end" in item) return;
            if ("error" in item) throw item.error;
            yield create(WatchResponseSchema, { event: item.event });
          }
        } finally {
          watch.open = false;
        }
      },
      updateWatch(request) {
        updates.push({ watchId: request.watchId, add: request.add, remove: request.remove });
        const watch = watches.find((w) => w.watchId === request.watchId && w.open);
        if (!watch) throw new ConnectError("no such watch", Code.NotFound);
        fake.refuseUpdate?.(request);
        for (const symbol of request.add) watch.symbols.add(normalised(symbol));
        for (const symbol of request.remove) watch.symbols.delete(normalised(symbol));
        for (const [id, alert] of watch.alerts) if (!watch.symbols.has(alert.symbol)) watch.alerts.delete(id);
        return { symbols: [...watch.symbols].sort() };
      },
      setAlert(request) {
        const watch = watches.find((w) => w.watchId === request.watchId && w.open);
        if (!watch) throw new ConnectError("no such watch", Code.NotFound);
        const alert = create(AlertSchema, request.alert);
        fake.refuseAlert?.(alert);
        if (!watch.symbols.has(alert.symbol)) throw new ConnectError(`the watch does not hold ${alert.symbol}`, Code.FailedPrecondition);
        const alertId = `alert-${++alertCount}`;
        watch.alerts.set(alertId, alert);
        return { alertId, alert };
      },
      removeAlert(request) {
        const watch = watches.find((w) => w.watchId === request.watchId && w.open);
        if (!watch) throw new ConnectError("no such watch", Code.NotFound);
        return { removed: watch.alerts.delete(request.alertId) };
      },
    });
  };
  const fake: FakePriceService = {
    transport: createRouterTransport(routes, {
      transport: { interceptors: options.interceptors ?? [] },
      router: { interceptors: [door] },
    }),
    watches,
    updates,
    calls,
    latest() {
      const watch = watches.at(-1);
      if (!watch) throw new Error("no Watch call yet");
      return watch;
    },
  };
  return fake;
}

class FakeWatchImpl implements FakeWatch {
  readonly symbols: Set<string>;
  readonly alerts = new Map<string, Alert>();
  aborted = false;
  open = true;
  private readonly queue: Item[] = [];
  private wake: (() => void) | undefined;

  constructor(
    readonly watchId: string,
    readonly requested: readonly string[],
    readonly authorization: string | null,
  ) {
    this.symbols = new Set(requested.map(normalised));
  }

  start() {
    const value = { watchId: this.watchId, symbols: [...this.symbols].sort(), defaultExchange: DEFAULT_EXCHANGE };
    this.push({ event: { case: "started", value } });
  }
  quote(symbol: string, price: string, observedAtMs = Date.now(), change: DayChange = {}) {
    this.push({ event: { case: "quote", value: quoteOf(symbol, { price, observedAtMs, ...change }) } });
  }
  history(symbol: string, quotes: readonly FakeQuote[]) {
    const value = { symbol, quotes: quotes.map((quote) => quoteOf(symbol, quote)) };
    this.push({ event: { case: "history", value } });
  }
  status(symbol: string, state: SymbolState, message = "") {
    this.push({ event: { case: "status", value: { symbol, state, message } } });
  }
  heartbeat() {
    this.push({ event: { case: "heartbeat", value: {} } });
  }
  fire(alertId: string, price: string, observedAtMs = Date.now()) {
    const alert = this.alerts.get(alertId);
    if (!alert) throw new Error(`${this.watchId} holds no alert ${alertId}`);
    this.alerts.delete(alertId);
    const value = { alertId, symbol: alert.symbol, alert, quote: quoteOf(alert.symbol, { price, observedAtMs }) };
    this.push({ event: { case: "alertTriggered", value } });
  }
  fail(error: ConnectError) {
    this.push({ error });
  }
  end() {
    this.push({ end: true });
  }

  onAbort() {
    // The handler's signal also fires when the handler returns; only count a client's cancel.
    if (this.open) this.aborted = true;
    this.open = false;
    this.wake?.();
  }

  async next(): Promise<Item | undefined> {
    while (this.queue.length === 0) {
      if (!this.open) return undefined;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return this.queue.shift();
  }

  private push(item: Item) {
    if (!this.open) throw new Error(`${this.watchId} is closed`);
    this.queue.push(item);
    this.wake?.();
  }
}

function quoteOf(symbol: string, quote: FakeQuote) {
  const { price, observedAtMs, change = "", changePercent = "" } = quote;
  return { symbol, price, observedAt: timestampFromMs(observedAtMs), change, changePercent };
}

/** normalised is the id the real server gives `symbol`: its default exchange is DEFAULT_EXCHANGE. */
function normalised(symbol: string): string {
  const check = checkSymbol(symbol);
  return check.ok ? symbolId(check.exchange ?? DEFAULT_EXCHANGE, check.ticker, DEFAULT_EXCHANGE) : symbol;
}
