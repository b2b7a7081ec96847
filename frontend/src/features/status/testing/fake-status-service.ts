import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createRouterTransport, type Interceptor, type Transport } from "@connectrpc/connect";
import {
  type ActivityKind,
  GetStatusResponseSchema,
  StatusService,
  StreamActivityResponseSchema,
  type ActivityEventSchema,
  type GetStatusResponse,
} from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";

/**
 * Test-only: an in-memory StatusService behind `createRouterTransport`, driven by hand. GetStatus
 * answers with `status`, or fails with `failure`. `emit` adds an event to a ring of 300, as the
 * server does: each StreamActivity call replays the ring, then gets every event emitted while it
 * is open. With `requiredToken` set, every call without `Authorization: Bearer <token>` is refused.
 */

/** StatusInit is what GetStatus answers, as a message init. */
export type StatusInit = MessageInitShape<typeof GetStatusResponseSchema>;
type EventInit = MessageInitShape<typeof ActivityEventSchema>;

/** FakeActivityStream is one open StreamActivity call, seen from the server. */
export interface FakeActivityStream {
  readonly authorization: string | null;
  /** aborted is true once the client cancelled the call while it was open. */
  readonly aborted: boolean;
  /** open is true until the call ends, whichever side ends it. */
  readonly open: boolean;
  heartbeat(): void;
  /** fail ends the stream with `error`. */
  fail(error: ConnectError): void;
}

/** FakeStatusService is the fake and what it has seen. */
export interface FakeStatusService {
  readonly transport: Transport;
  /** status is what GetStatus answers. */
  status: StatusInit;
  /** failure, when set, is what every GetStatus call fails with. */
  failure?: ConnectError;
  /** requiredToken, when set, is the only token the fake accepts. */
  requiredToken?: string;
  /** getStatusCalls counts GetStatus calls that reached the service, refused ones included. */
  readonly getStatusCalls: number;
  /** inFlight counts GetStatus calls the service has not answered yet. */
  readonly inFlight: number;
  /** getStatusAborted counts GetStatus calls the client cancelled before their answer. */
  readonly getStatusAborted: number;
  /** streams are every StreamActivity call, oldest first. */
  readonly streams: readonly FakeActivityStream[];
  /** latest is the newest StreamActivity call; throws when there is none. */
  latest(): FakeActivityStream;
  /** emit records an event (the next sequence, now, unless given) and sends it to every open stream. */
  emit(kind: ActivityKind, symbol: string, message: string, init?: { occurredAtMs?: number; count?: number }): void;
  /** hold, while true, keeps GetStatus calls waiting until it is set false again. */
  hold: boolean;
}

const RING = 300;

/** createFakeStatusService makes the fake, with no symbol watched. */
export function createFakeStatusService(options: { interceptors?: Interceptor[] } = {}): FakeStatusService {
  const ring: EventInit[] = [];
  const streams: FakeStreamImpl[] = [];
  let sequence = 0n;
  let getStatusCalls = 0;
  let inFlight = 0;
  let getStatusAborted = 0;
  const released = new Set<() => void>();
  const door: Interceptor = (next) => async (req) => {
    if (req.method.name === "GetStatus") getStatusCalls += 1;
    const wanted = fake.requiredToken === undefined ? undefined : `Bearer ${fake.requiredToken}`;
    if (wanted !== undefined && req.header.get("authorization") !== wanted) {
      throw new ConnectError("missing or wrong API token", Code.Unauthenticated);
    }
    return next(req);
  };
  const transport = createRouterTransport(
    ({ service }) =>
      service(StatusService, {
        async getStatus(_request, context): Promise<GetStatusResponse> {
          inFlight += 1;
          let answered = false;
          // The handler's signal also fires when the handler returns; only count a client's cancel.
          const onAbort = () => {
            if (!answered) getStatusAborted += 1;
          };
          context.signal.addEventListener("abort", onAbort);
          try {
            while (fake.hold && !context.signal.aborted) {
              await new Promise<void>((resolve) => {
                released.add(resolve);
                context.signal.addEventListener("abort", () => resolve());
              });
            }
            if (fake.failure) throw fake.failure;
            return create(GetStatusResponseSchema, fake.status);
          } finally {
            answered = true;
            inFlight -= 1;
          }
        },
        async *streamActivity(_request, context) {
          const stream = new FakeStreamImpl(context.requestHeader.get("authorization"));
          streams.push(stream);
          context.signal.addEventListener("abort", () => stream.onAbort());
          for (const event of ring) stream.push({ event });
          try {
            for (;;) {
              const item = await stream.next();
              if (item === undefined) return;
              if ("error" in item) throw item.error;
              const event = item.event === undefined ? { case: "heartbeat" as const, value: {} } : { case: "activity" as const, value: item.event };
              yield create(StreamActivityResponseSchema, { event });
            }
          } finally {
            stream.open = false;
          }
        },
      }),
    { transport: { interceptors: options.interceptors ?? [] }, router: { interceptors: [door] } },
  );
  let hold = false;
  const fake: FakeStatusService = {
    transport,
    status: {},
    get getStatusCalls() {
      return getStatusCalls;
    },
    get inFlight() {
      return inFlight;
    },
    get getStatusAborted() {
      return getStatusAborted;
    },
    get hold() {
      return hold;
    },
    set hold(value) {
      hold = value;
      if (value) return;
      for (const resolve of released) resolve();
      released.clear();
    },
    streams,
    latest() {
      const stream = streams.at(-1);
      if (!stream) throw new Error("no StreamActivity call yet");
      return stream;
    },
    emit(kind, symbol, message, init = {}) {
      sequence += 1n;
      const occurredAt = timestampFromMs(init.occurredAtMs ?? Date.now());
      const event: EventInit = { sequence, occurredAt, kind, symbol, message, count: init.count ?? 1 };
      ring.push(event);
      if (ring.length > RING) ring.shift();
      for (const stream of streams) if (stream.open) stream.push({ event });
    },
  };
  return fake;
}

type Item = { event: EventInit | undefined } | { error: ConnectError };

class FakeStreamImpl implements FakeActivityStream {
  aborted = false;
  open = true;
  private readonly queue: Item[] = [];
  private wake: (() => void) | undefined;

  constructor(readonly authorization: string | null) {}

  heartbeat() {
    this.push({ event: undefined });
  }
  fail(error: ConnectError) {
    this.push({ error });
  }
  onAbort() {
    // The handler's signal also fires when the handler returns; only count a client's cancel.
    if (this.open) this.aborted = true;
    this.open = false;
    this.wake?.();
  }
  push(item: Item) {
    this.queue.push(item);
    this.wake?.();
  }
  async next(): Promise<Item | undefined> {
    while (this.queue.length === 0) {
      if (!this.open) return undefined;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return this.queue.shift();
  }
}
