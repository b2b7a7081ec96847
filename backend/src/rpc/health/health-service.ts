/**
 * gRPC's standard health service, `grpc.health.v1.Health`: Check, Watch and List report SERVING or
 * NOT_SERVING from the same readiness as `/readyz`, for "" (the whole server) and for each of our
 * services. It is open without the API token, as `/healthz` is, so that a Kubernetes `grpc:` probe
 * or a load balancer can ask. A Watch stream takes a slot of its client's stream cap like any other
 * stream, and ends UNAVAILABLE on a planned shutdown.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError, type ConnectRouter, type ServiceImpl } from "@connectrpc/connect";
import {
  Health,
  HealthCheckResponse_ServingStatus as ServingStatus,
  type HealthCheckResponseSchema,
} from "@crypto-stream/gen/grpc/health/v1/health_pb.js";
import type { Logger } from "../../log.js";
import { clientKey } from "../connect/client-context.js";
import { withErrors } from "../errors.js";
import { releaseOnAbort, throwIfShuttingDown } from "../connect/stream-end.js";
import type { ClientStreamLimits } from "../engine/stream-limits.js";
import type { ReadinessWatch } from "./readiness-watch.js";

/** HEALTH_SERVICE names the service, for the token rule that leaves it open. */
export const HEALTH_SERVICE = Health.typeName;

/** HealthServiceOptions: what health reads. Nothing here is closed by the service. */
export interface HealthServiceOptions {
  readiness: ReadinessWatch;
  /** limits is the PriceService's own, so that a Watch counts toward its client's one cap. */
  limits: ClientStreamLimits;
  logger: Logger;
}

type HealthInit = MessageInitShape<typeof HealthCheckResponseSchema>;

/** services lists the fully qualified names reported besides "", read once the router is complete. */
function createHealthService(options: HealthServiceOptions, services: () => readonly string[]): ServiceImpl<typeof Health> {
  const { readiness, limits, logger } = options;
  let names: Set<string> | undefined;
  const known = () => (names ??= new Set(["", ...services()]));
  const status = (ready: boolean): HealthInit => ({ status: ready ? ServingStatus.SERVING : ServingStatus.NOT_SERVING });
  return {
    check(request) {
      if (!known().has(request.service)) {
        // The name is not echoed: it is the client's, and may be anything up to the size limit.
        throw new ConnectError(`unknown service: ask for "" (the whole server) or one of ${services().join(", ")}`, Code.NotFound);
      }
      return status(readiness.ready());
    },

    async *watch(request, context): AsyncGenerator<HealthInit> {
      const release = await withErrors(logger, () => limits.acquire(context.values.get(clientKey)));
      const done = releaseOnAbort(context, release);
      try {
        if (!known().has(request.service)) {
          // As the protocol says: SERVICE_UNKNOWN, and the stream stays open. Ours never changes.
          yield { status: ServingStatus.SERVICE_UNKNOWN };
          await aborted(context.signal);
        } else {
          let last = readiness.ready();
          yield status(last);
          while (!context.signal.aborted) {
            await readiness.changed(last, context.signal);
            if (context.signal.aborted) break;
            const now = readiness.ready();
            if (now !== last) yield status((last = now));
          }
        }
        throwIfShuttingDown(context);
      } finally {
        done();
      }
    },

    list() {
      const now = status(readiness.ready());
      return { statuses: Object.fromEntries([...known()].map((service) => [service, now])) };
    },
  };
}

/** aborted resolves when `signal` aborts (at once if it has). */
function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

/**
 * createHealthRoutes registers `grpc.health.v1.Health` on a Connect router. It reports every
 * service the router serves outside gRPC's own `grpc.*` packages, read at the first call, so the
 * list holds whatever was registered before or after it.
 */
export function createHealthRoutes(options: HealthServiceOptions): (router: ConnectRouter) => void {
  return (router) => {
    const services = () => [...new Set(router.handlers.map((handler) => handler.service.typeName))].filter((name) => !name.startsWith("grpc."));
    router.service(Health, createHealthService(options, services));
  };
}
